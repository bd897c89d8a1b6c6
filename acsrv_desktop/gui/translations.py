"""Qt's own strings in French: qtbase_fr, plus the few strings it lacks.

The Qt widget file dialog (used everywhere, see ``widgets.ask_save_path``) asks for
« &Look in: » and « Files of &type: », which qtbase_fr.qm of Qt 6 does not translate.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

# (context, source) -> French; only what qtbase_fr leaves in English.
COMPLEMENTS = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "&Type de fichier\u00a0:",
    ("QFileDialog", "File name:"): "Nom de fichier\u00a0:",
    ("QFileDialog", "Confirm Delete"): "Confirmer la suppression",
    ("QFileDialog", "Cancel"): "Annuler",
}


class FrenchComplements(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) lets Qt ask the next translator; "" would blank the text.
        return COMPLEMENTS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def qt_translations_folder() -> Path:
    """Where the PySide6 wheel keeps Qt's translations (PySide6/Qt/translations)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_french(app: QCoreApplication) -> list[QTranslator]:
    """Qt's buttons and dialogs in French; returns the translators installed (for tests).

    A missing qtbase_fr (an unusual Qt build) is logged: Qt's own words stay in English.
    """
    installed: list[QTranslator] = []
    qtbase = QTranslator(app)
    folder = str(qt_translations_folder())
    if qtbase.load(QLocale(QLocale.Language.French, QLocale.Country.France), "qtbase", "_", folder):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    else:
        log.warning("traduction de Qt introuvable dans %s", folder)
    # Installed last, asked first: answers only for its strings, Qt falls back otherwise.
    complements = FrenchComplements(app)
    app.installTranslator(complements)
    installed.append(complements)
    return installed
