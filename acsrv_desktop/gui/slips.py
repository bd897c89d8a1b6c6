"""Saving a referral slip as PDF: the same dialog from the Accueil and Orientations areas."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.slip import Slip
from acsrv_desktop.core.text import fold
from acsrv_desktop.gui.printing import save_pdf
from acsrv_desktop.gui.widgets import ask_save_path, documents_folder

SLIP_FOLDER = "Fiches d'orientation"


def slip_folder() -> Path:
    """« Fiches d'orientation » in the user's Documents folder, created if missing."""
    return documents_folder(SLIP_FOLDER)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def slip_file_name(slip: Slip) -> str:
    """Date, time and programme — never the person's name: the file may be seen by others.

    ``fiche-orientation-2026-12-02-1030-court-circuit.pdf``
    """
    stamp = f"{slip.date.astimezone(PARIS):%Y-%m-%d-%H%M}"
    programmes = "-".join(filter(None, (_slug(line.programme) for line in slip.lines)))
    if len(programmes) > 60:
        programmes = programmes[:60].rsplit("-", 1)[0]
    return "-".join(filter(None, ("fiche-orientation", stamp, programmes))) + ".pdf"


def save_slip_pdf(parent: QWidget, slip: Slip) -> tuple[Path | None, str]:
    """Ask where, write the one-page PDF; returns the path (None if not written) and a message."""
    path = ask_save_path(
        parent,
        "Enregistrer la fiche d’orientation",
        slip_file_name(slip),
        "PDF (*.pdf)",
        folder=slip_folder(),
    )
    if path is None:
        return None, ""
    try:
        save_pdf(slip.html(), path)
    except UserFacingError as exc:  # refused, a full disk: nothing written
        return None, f"Fiche non enregistrée : {exc}"
    return path, f"Fiche d’orientation enregistrée : {path}"
