"""Administration: retention and idle-lock settings, and the anonymisation run by hand."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.privacy import PurgeReport
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.settings import IDLE_LOCK_MINUTES, RETENTION_MONTHS, IntegerSetting
from acsrv_desktop.gui.tasks import run_in_background


def _spin(setting: IntegerSetting, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(setting.low, setting.high)
    spin.setSuffix(f" {setting.unit}")
    spin.setValue(value)
    spin.setMaximumWidth(180)
    return spin


class SettingsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings, self._privacy = services.settings, services.privacy
        self.retention_spin = _spin(RETENTION_MONTHS, self._settings.retention_months())
        self.idle_spin = _spin(IDLE_LOCK_MINUTES, self._settings.idle_lock_minutes())
        self.save_button = QPushButton("&Enregistrer les réglages")
        self.purge_button = QPushButton("&Anonymiser maintenant…")
        self.message = QLabel()
        self.message.setWordWrap(True)
        retention = QGroupBox("Conservation des données des personnes")
        form = QFormLayout(retention)
        form.addRow("&Durée après le dernier passage :", self.retention_spin)
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

    def save(self) -> None:
        months, minutes = self.retention_spin.value(), self.idle_spin.value()
        try:
            settings = self._settings
            if months < settings.retention_months() and not self._shorter_retention_ok(months):
                return
            # The audit trail records real changes only.
            if settings.retention_months() != months:
                settings.set_retention_months(months)
            if settings.idle_lock_minutes() != minutes:
                settings.set_idle_lock_minutes(minutes)
        except UserFacingError as exc:
            self._say(f"Réglages non enregistrés : {exc}")
            return
        self._say("Réglages enregistrés.")

    def _shorter_retention_ok(self, months: int) -> bool:
        """A shorter period anonymises records at the next start: say how many, ask."""
        preview = self._privacy.purge(dry_run=True, months=months)
        if preview.anonymised == 0:
            return True
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
        if self.retention_spin.value() != self._settings.retention_months():
            self._say("Enregistrez d’abord la nouvelle durée de conservation.")
            return
        try:
            preview = self._privacy.purge(dry_run=True)
        except UserFacingError as exc:
            self._say(str(exc))
            return
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
            return
        self.purge_button.setEnabled(False)
        self._say("Anonymisation en cours…")

        def done(report: PurgeReport) -> None:
            self.purge_button.setEnabled(True)
            self._say(report.describe())

        def failed(error: BaseException) -> None:
            self.purge_button.setEnabled(True)
            self._say(f"Anonymisation impossible : {error}")

        run_in_background(lambda: self._privacy.purge(), done, failed)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.status_message.emit(text)
