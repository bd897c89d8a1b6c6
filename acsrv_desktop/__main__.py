"""Entry point for ``acsrv-desktop`` and ``python -m acsrv_desktop``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    # Imported here so that ``python -m acsrv_desktop`` stays cheap until arguments are parsed.
    from acsrv_desktop.cli.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
