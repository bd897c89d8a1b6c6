"""Entry point for ``acsrv-desktop`` and ``python -m acsrv_desktop``."""

from __future__ import annotations

import sys


def gui_options(argv: list[str]) -> tuple[str | None, bool] | None:
    """``(--db, --quit-when-idle)`` when ``argv`` only opens the window (no command, no
    other option); None otherwise, for the command line to parse."""
    database, quit_when_idle = None, False
    rest = list(argv)
    while rest:
        argument = rest.pop(0)
        if argument == "--quit-when-idle":
            quit_when_idle = True
        elif argument == "--db" and rest and not rest[0].startswith("-"):
            database = rest.pop(0)
        elif argument.startswith("--db=") and len(argument) > len("--db="):
            database = argument.removeprefix("--db=")
        else:
            return None
    return database, quit_when_idle


def _start_window_first(argv: list[str]) -> int | None:
    """The window on a database this workstation knows to have accounts: the sign-in
    window is painted before the command line and the database layer are imported (the
    address was checked by the start that found those accounts). None when it is not that
    case: the command line then runs as usual."""
    options = gui_options(argv)
    if options is None:
        return None
    from acsrv_desktop.core.bootstrap import known_to_have_accounts, resolve_database_url

    url = resolve_database_url(options[0])
    if known_to_have_accounts(url) is not True:
        # A first start: the command line checks the address and opens the database, its
        # layer imported before Qt (see core/bootstrap.py).
        return None
    from acsrv_desktop.core.errors import UserFacingError, french_os_error
    from acsrv_desktop.gui.application import run_gui

    try:  # as the command line reports them (cli/main.py)
        return run_gui(url, quit_when_idle=options[1])
    except UserFacingError as exc:
        print(f"acsrv-desktop : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"acsrv-desktop : erreur d'accès à un fichier : {french_os_error(exc)}", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        print("acsrv-desktop : interrompu.", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    from acsrv_desktop.core.private_files import private_umask

    # Before any file is created: the database, the log, the exports are the owner's only.
    with private_umask():
        return _main(sys.argv[1:] if argv is None else argv)


def _main(arguments: list[str]) -> int:
    status = _start_window_first(arguments)
    if status is not None:
        return status
    # Imported here so that ``python -m acsrv_desktop`` stays cheap until arguments are parsed.
    from acsrv_desktop.cli.main import run

    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
