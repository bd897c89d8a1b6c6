"""The needs offered as big buttons on the reception form (resources/besoins.toml)."""

from __future__ import annotations

import tomllib
from functools import cache

from acsrv_desktop.paths import shipped_file


@cache
def need_buttons() -> list[tuple[str, str]]:
    """(label, data·inclusion thématique) pairs, in the order of the file."""
    with shipped_file("resources", "besoins.toml").open("rb") as stream:
        return [(b["label"], b["theme"]) for b in tomllib.load(stream)["besoins"]]
