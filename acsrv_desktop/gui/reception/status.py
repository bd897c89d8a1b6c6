"""How the parts of the Accueil area say something on its status line."""

from __future__ import annotations

from typing import Protocol


class ShowStatus(Protocol):
    """The area's status line: a message, in red when it is an error."""

    def __call__(self, message: str, *, error: bool = False) -> None: ...
