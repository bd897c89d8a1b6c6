"""The main window: one tab per area of the reception desk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from acsrv_desktop import APP_DISPLAY_NAME, __version__
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.gui.forms.ui_main_window import Ui_MainWindow
from acsrv_desktop.gui.preferences import Preferences

AREAS = ("Accueil", "Programmes", "Orientations", "Fréquentation", "Administration")


class MainWindow(QMainWindow):
    def __init__(
        self,
        database_description: str,
        preferences: Preferences,
        areas: dict[str, QWidget] | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        """``areas`` replaces the placeholder of each named area (see AREAS) by its widget.

        With an ``actor``, the areas not given (those the role may not use) are hidden.
        """
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._preferences = preferences
        self.areas: dict[str, QWidget] = {}
        for name, widget in (areas or {}).items():
            self._install_area(name, widget)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self._database_label = QLabel(database_description)
        self._database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.statusBar.addPermanentWidget(self._database_label)
        self.actor = actor
        self.lock_action = QAction("&Verrouiller le poste", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.password_action = QAction("Changer mon &mot de passe…", self)
        if actor is not None:
            self._show_signed_in(actor, areas or {})
        self._connect_actions()
        self._restore_state()

    def _show_signed_in(self, actor: Actor, areas: dict[str, QWidget]) -> None:
        for index, (name, action) in enumerate(zip(AREAS, self._area_actions(), strict=True)):
            allowed = name in areas
            self.ui.areaTabs.setTabVisible(index, allowed)
            action.setVisible(allowed)
            action.setEnabled(allowed)
        who = QLabel(f"Connecté : {actor.name} ({actor.role.label})")
        who.setObjectName("signedInLabel")
        self.ui.statusBar.addPermanentWidget(who)
        menu = self.ui.menuFile
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.lock_action)
        menu.insertAction(first, self.password_action)
        menu.insertSeparator(first)

    def _install_area(self, name: str, widget: QWidget) -> None:
        page = self.ui.areaTabs.widget(AREAS.index(name))
        layout = page.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deleteLater() only acts at the next event loop turn
                item.widget().deleteLater()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        self.areas[name] = widget
        message_signal = getattr(widget, "status_message", None)
        if message_signal is not None:
            message_signal.connect(lambda text: self.ui.statusBar.showMessage(text, 6000))

    def _area_actions(self) -> list[QAction]:
        ui = self.ui
        return [
            ui.actionShowAccueil,
            ui.actionShowProgrammes,
            ui.actionShowOrientations,
            ui.actionShowFrequentation,
            ui.actionShowAdministration,
        ]

    def _connect_actions(self) -> None:
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionAbout.triggered.connect(self._show_about)
        for index, action in enumerate(self._area_actions()):
            action.triggered.connect(lambda _checked=False, i=index: self.show_area(i))

    def _restore_state(self) -> None:
        geometry = self._preferences.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        area = self._preferences.current_area
        self.show_area(area if 0 <= area < len(AREAS) else 0)

    def show_area(self, index: int) -> None:
        if not self.ui.areaTabs.isTabVisible(index):
            index = 0  # an area the role may not use: Accueil instead
        self.ui.areaTabs.setCurrentIndex(index)
        area = self.areas.get(AREAS[index])
        if area is not None and hasattr(area, "focus_search"):
            area.focus_search()
        elif self.ui.areaTabs.currentWidget() is not None:
            self.ui.areaTabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_area_name(self) -> str:
        return AREAS[self.ui.areaTabs.currentIndex()]

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "À propos d'acsrv-desktop",
            f"<b>{APP_DISPLAY_NAME}</b> — version {__version__}<br><br>"
            "Poste d'accueil des centres sociaux de l'ACSRV (Association des Centres Sociaux "
            "de la Région de Valenciennes), 34 avenue de Condé, 59300 Valenciennes.<br><br>"
            f"{self._database_label.text()}",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self._preferences.window_geometry = self.saveGeometry()
        self._preferences.current_area = self.ui.areaTabs.currentIndex()
        self._preferences.sync()
        super().closeEvent(event)
