"""Saving a referral slip as PDF: the same dialog from the Accueil and Orientations areas."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from acsrv_desktop.core.errors import french_os_error
from acsrv_desktop.core.reception.slip import Slip
from acsrv_desktop.core.reception.visits import PARIS
from acsrv_desktop.core.text import fold
from acsrv_desktop.gui.printing import save_pdf
from acsrv_desktop.gui.widgets import ask_save_path


def save_slip_pdf(parent: QWidget, slip: Slip) -> tuple[Path | None, str]:
    """Ask where, write the one-page PDF; returns the path (None if not written) and a message."""
    name = f"fiche-orientation-{slip.date.astimezone(PARIS):%Y-%m-%d}"
    if slip.visitor_first_name:
        name += "-" + "".join(c for c in fold(slip.visitor_first_name) if c.isalnum())
    path = ask_save_path(parent, "Enregistrer la fiche d’orientation", f"{name}.pdf", "PDF (*.pdf)")
    if path is None:
        return None, ""
    try:
        save_pdf(slip.html(), path)
    except OSError as exc:
        return None, f"Fiche non enregistrée : {french_os_error(exc)}"
    return path, f"Fiche d’orientation enregistrée : {path}"
