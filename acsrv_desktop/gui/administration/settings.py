"""Administration: retention and idle-lock settings, and the anonymisation run by hand.

The settings are read, previewed and written in the background: the fields wait for their
values (« Chargement… »), the buttons for the answer of a save or a purge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.privacy import PurgeReport
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.settings import IDLE_LOCK_MINUTES, RETENTION_MONTHS, IntegerSetting
from acsrv_desktop.gui.announce import announce
from acsrv_desktop.gui.tasks import failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind


def _spin(setting: IntegerSetting) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(setting.low, setting.high)
    spin.setSuffix(f" {setting.unit}")
    spin.setValue(setting.default)
    spin.setMaximumWidth(180)
    return spin


class SettingsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings, self._privacy = services.settings, services.privacy
        self._saved: tuple[int, int] | None = None  # (months, minutes) as read or saved
        self._working = False  # a reading, preview, save or purge on its way
        self.retention_spin = _spin(RETENTION_MONTHS)
        self.idle_spin = _spin(IDLE_LOCK_MINUTES)
        self.save_button = QPushButton("&Enregistrer les réglages")
        self.purge_button = QPushButton("A&nonymiser maintenant…")
        self.message = QLabel()
        self.message.setWordWrap(True)
        retention = QGroupBox("Conservation des données des personnes")
        form = QFormLayout(retention)
        form.addRow("Du&rée après le dernier passage :", self.retention_spin)
        explain = QLabel(
            "Au-delà, la fiche est anonymisée : nom, coordonnées et notes effacés, année de "
            "naissance réduite à la tranche d’âge. Les chiffres de fréquentation ne changent "
            "pas. La CNIL recommande 24 mois pour l’accompagnement social. L’anonymisation "
            "se fait à chaque démarrage."
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        purge_row = QHBoxLayout()
        purge_row.addWidget(self.purge_button)
        purge_row.addStretch(1)
        form.addRow(purge_row)
        security = QGroupBox("Sécurité des postes")
        security_form = QFormLayout(security)
        security_form.addRow("&Verrouillage après inactivité :", self.idle_spin)
        lock_note = QLabel(
            "Les personnes accueillies voient l’écran : il se voile et redemande le mot de "
            "passe après ce délai sans clavier ni souris. Le formulaire en cours est gardé. "
            "Chaque poste applique un nouveau délai dans les secondes qui suivent."
        )
        lock_note.setWordWrap(True)
        security_form.addRow(lock_note)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(retention)
        layout.addWidget(security)
        layout.addLayout(save_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.purge_button.clicked.connect(self.purge_now)
        self._read()

    @property
    def is_busy(self) -> bool:
        """The settings, a preview, a save or a purge are on their way."""
        return self._working

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._saved is None and not self._working:
            self._read()  # they could not be read before: try again

    def _set_working(self, working: bool, text: str = "") -> None:
        self._working = working
        loaded = self._saved is not None
        for widget in (self.retention_spin, self.idle_spin, self.save_button, self.purge_button):
            widget.setEnabled(loaded and not working)
        if text or not working:
            self._say(text)

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
        waiting: str,
    ) -> None:
        """``work`` in the background, the panel waiting meanwhile; ``failed`` gets the French
        reason."""
        self._set_working(True, waiting)

        def finish(value: Any) -> None:
            self._set_working(False)
            done(value)

        def fail(error: BaseException) -> None:
            self._set_working(False)
            failed(failure_text(error))

        run_in_background(work, finish, fail, self)

    def _read(self) -> None:
        settings = self._settings

        def done(values: tuple[int, int]) -> None:
            self._saved = values
            self.retention_spin.setValue(values[0])
            self.idle_spin.setValue(values[1])
            self._set_working(False)

        self._run(
            lambda: (settings.retention_months(), settings.idle_lock_minutes()),
            done,
            lambda reason: self._refused(f"Réglages illisibles : {reason}"),
            "Chargement…",
        )

    def save(self) -> None:
        if self._working or self._saved is None:
            return
        months = self.retention_spin.value()
        if months >= self._saved[0]:
            self._write()
            return
        privacy = self._privacy  # a shorter period: say first how many records it anonymises

        def previewed(preview: PurgeReport) -> None:
            if preview.anonymised == 0 or self._shorter_retention_ok(months, preview):
                self._write()
            else:
                self._say("")

        self._run(
            lambda: privacy.purge(dry_run=True, months=months),
            previewed,
            lambda reason: self._refused(f"Réglages non enregistrés : {reason}"),
            "Calcul des fiches concernées…",
        )

    def _write(self) -> None:
        months, minutes = self.retention_spin.value(), self.idle_spin.value()
        settings = self._settings

        def write() -> tuple[int, int]:
            # The audit trail records real changes only (another workstation may have saved).
            if settings.retention_months() != months:
                settings.set_retention_months(months)
            if settings.idle_lock_minutes() != minutes:
                settings.set_idle_lock_minutes(minutes)
            return months, minutes

        def done(values: tuple[int, int]) -> None:
            self._saved = values
            self._say("Réglages enregistrés.", Kind.SUCCESS)

        self._run(
            write,
            done,
            lambda reason: self._refused(f"Réglages non enregistrés : {reason}"),
            "Enregistrement…",
        )

    def _shorter_retention_ok(self, months: int, preview: PurgeReport) -> bool:
        """A shorter period anonymises records at the next start: say how many, ask."""
        answer = QMessageBox.question(
            self,
            "Durée de conservation plus courte",
            f"Avec {months} mois, {preview.anonymised} fiche(s) de personnes seront anonymisées "
            "au prochain démarrage (ou tout de suite avec « Anonymiser maintenant »). "
            "Cela ne pourra pas être annulé. Enregistrer cette durée ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def purge_now(self) -> None:
        if self._working or self._saved is None:
            return
        if self.retention_spin.value() != self._saved[0]:
            self._refused("Enregistrez d’abord la nouvelle durée de conservation.")
            return
        privacy = self._privacy
        self._run(
            lambda: privacy.purge(dry_run=True),
            self._confirm_purge,
            self._refused,
            "Calcul des fiches concernées…",
        )

    def _confirm_purge(self, preview: PurgeReport) -> None:
        if preview.anonymised == 0:
            self._say(f"{preview.describe()} Rien à faire.")
            return
        answer = QMessageBox.question(
            self,
            "Anonymiser maintenant",
            f"{preview.anonymised} fiche(s) de personnes non revues depuis "
            f"{preview.retention_months} mois vont être anonymisées. Cela ne peut pas être "
            "annulé. Continuer ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._say("")
            return
        privacy = self._privacy
        self._run(
            lambda: privacy.purge(),
            lambda report: self._say(report.describe(), Kind.SUCCESS),
            lambda reason: self._refused(f"Anonymisation impossible : {reason}"),
            "Anonymisation en cours…",
        )

    def _say(self, text: str, kind: Kind | None = None) -> None:
        """``text`` under the panel (as a message of ``kind``), announced, and in the status
        bar."""
        set_kind(self.message, kind)
        self.message.setText(text)
        if text:
            announce(self.message, text, urgent=kind is Kind.ERROR)
            self.status_message.emit(text)

    def _refused(self, text: str) -> None:
        self._say(text, Kind.ERROR)
