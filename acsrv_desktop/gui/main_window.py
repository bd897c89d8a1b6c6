"""The main window: one tab per area of the reception desk."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLayout, QMainWindow, QMessageBox, QWidget

from acsrv_desktop import APP_DISPLAY_NAME, __version__
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.gui.forms.ui_main_window import Ui_MainWindow
from acsrv_desktop.gui.keys import help_keys, layout_proof
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.zoom import TextZoom

if TYPE_CHECKING:
    from acsrv_desktop.gui.accounts.lock import IdleLock
    from acsrv_desktop.gui.orientations.watch import ReferralWatch
    from acsrv_desktop.gui.reception.area import ReceptionArea
    from acsrv_desktop.gui.shortcut_sheet import ShortcutSheet

AREAS = ("Accueil", "Programmes", "Orientations", "Fréquentation", "Administration")


class LazyAreas(Mapping[str, QWidget]):
    """The areas of one session by name, each widget built at its first use — its tab shown,
    its shortcut (Ctrl+1…5), or code asking for it — then kept: a start builds only what is
    on screen. The names are those the role may use, built or not (``in``, ``len``, iteration
    build nothing; ``[]``, ``get``, ``values`` build).

    ``on_built`` callbacks run after each build (the window installs the widget in its tab,
    the application connects it to the areas already built)."""

    def __init__(self, factories: Mapping[str, Callable[[], QWidget]]) -> None:
        self._factories = dict(factories)
        self._built: dict[str, QWidget] = {}
        self._on_built: list[Callable[[str, QWidget], None]] = []

    @classmethod
    def of(cls, areas: Mapping[str, QWidget]) -> LazyAreas:
        """``areas`` as they are: lazy already, or widgets built beforehand."""
        if isinstance(areas, LazyAreas):
            return areas
        built = cls({name: _returning(widget) for name, widget in areas.items()})
        built._built = dict(areas)
        return built

    def __getitem__(self, name: str) -> QWidget:
        return self.build(name)

    def build(self, name: str) -> QWidget:
        """The area's widget, built now if it was not (KeyError: not an area of the session)."""
        widget = self._built.get(name)
        if widget is None:
            widget = self._factories[name]()
            self._built[name] = widget
            for callback in list(self._on_built):
                callback(name, widget)
        return widget

    def __contains__(self, name: object) -> bool:
        return name in self._factories

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def built(self, name: str) -> QWidget | None:
        """The area's widget if it was built, without building it."""
        return self._built.get(name)

    def built_areas(self) -> dict[str, QWidget]:
        return dict(self._built)

    def on_built(self, callback: Callable[[str, QWidget], None]) -> None:
        self._on_built.append(callback)

    def close(self) -> None:
        """The session is over: nothing more is built (a late call cannot add an area of the
        person before to the window)."""
        self._factories = {name: self._factories[name] for name in self._built}
        self._on_built.clear()


def _returning(widget: QWidget) -> Callable[[], QWidget]:
    return lambda: widget


def quit_question(parent: QWidget | None) -> QMessageBox:
    """« Quitter quand même ? », with Annuler as the default and the Échap button.

    The destructive button has no mnemonic: a message box presses a button at its letter
    alone, and a stray key must not lose the form."""
    box = QMessageBox(parent)
    box.setObjectName("quitQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Quitter l’application ?")
    box.setText("Un passage est en cours de saisie et n’a pas été enregistré.")
    box.setInformativeText(
        "Quitter quand même ? Le formulaire sera perdu.\n\n"
        "Pour le garder, choisissez « Annuler », puis enregistrez le passage (Ctrl+Entrée)."
    )
    box.addButton("Quitter sans enregistrer", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("&Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def ask_quit_anyway(parent: QWidget | None) -> bool:
    box = quit_question(parent)
    box.exec()
    quit_anyway = box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole
    box.deleteLater()
    return quit_anyway


class MainWindow(QMainWindow):
    def __init__(
        self,
        database_description: str,
        preferences: Preferences,
        areas: Mapping[str, QWidget] | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        """``areas`` replaces the placeholder of each named area (see AREAS) by its widget: a
        ``LazyAreas`` builds each one when its tab is first shown, the Accueil at once.

        With an ``actor``, the areas not given (those the role may not use) are hidden.
        """
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._preferences = preferences
        self.areas = LazyAreas({})
        self.actor: Actor | None = None
        self.idle_lock: IdleLock | None = None  # set by the application for each session
        self.referral_watch: ReferralWatch | None = None  # likewise
        self._quitting = False  # the quit was confirmed: close without asking again
        self.setWindowTitle(APP_DISPLAY_NAME)
        # Aide › À propos says which database is in use: not the status bar, which the
        # visitor at the desk can read.
        self.database_description = database_description
        self._signed_in_label = QLabel()
        self._signed_in_label.setObjectName("signedInLabel")
        self._signed_in_label.hide()
        self.ui.statusBar.addPermanentWidget(self._signed_in_label)
        self.lock_action = QAction("&Verrouiller le poste", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.password_action = QAction("Changer mon &mot de passe…", self)
        self.switch_user_action = QAction("Changer d’&utilisateur…", self)
        self.switch_user_action.setStatusTip(
            "Une autre personne prend le poste ; le passage en cours de saisie est gardé."
        )
        self._session_menu_shown = False
        self.text_zoom = TextZoom(preferences, self)
        self.ui.menuView.addSeparator()
        self.ui.menuView.addActions(self.text_zoom.actions())
        self.discreet_action = QAction("Mode &discret (écran lisible par le public)", self)
        self.discreet_action.setCheckable(True)
        self.discreet_action.setChecked(preferences.discreet_mode)
        self.discreet_action.setStatusTip(
            "Liste du jour en initiales, nom affiché quelques secondes, formulaire masqué après "
            "30 s sans saisie. À décocher sur un poste que le public ne voit pas."
        )
        self.discreet_action.toggled.connect(self._set_discreet_mode)
        self.ui.menuView.addSeparator()
        self.ui.menuView.addAction(self.discreet_action)
        self.details_action = QAction("&Coordonnées pour le contact à chaque orientation", self)
        self.details_action.setCheckable(True)
        self.details_action.setChecked(preferences.ask_referral_details)
        self.details_action.setStatusTip(
            "À chaque orientation retenue, demander ce que la personne accepte de transmettre "
            "au contact du programme (sinon Ctrl+Maj+O)."
        )
        self.details_action.toggled.connect(self._set_ask_details)
        self.ui.menuView.addAction(self.details_action)
        self.shortcuts_action = QAction("&Raccourcis clavier…", self)
        self.shortcuts_action.setShortcut(help_keys())
        self.shortcuts_action.triggered.connect(self.show_shortcut_sheet)
        help_menu = self.ui.menuHelp
        help_menu.insertAction(help_menu.actions()[0], self.shortcuts_action)
        self.install_session(actor, areas or {})
        self.ui.areaTabs.currentChanged.connect(self._build_area_at)
        self._connect_actions()
        self._restore_state()

    # -- the session: who is signed in and the areas built for them -----------------------------

    def install_session(self, actor: Actor | None, areas: Mapping[str, QWidget]) -> None:
        """Install the areas built for ``actor``, replacing (and deleting) those installed before.

        Called at start-up and again when another person signs in at this desk; the tabs, the
        menus and the « Connecté : … » label follow the new person, nothing is added twice.
        The Accueil is built at once; the other areas when first shown.
        """
        replacing = bool(self.areas)
        shown = self.ui.areaTabs.currentIndex()  # before a tab hidden below moves it
        self.areas.close()
        for name in self.areas.built_areas():
            self._clear_page(self._page(name))
        self.areas = LazyAreas.of(areas)
        for name, widget in self.areas.built_areas().items():
            self._install_area(name, widget)
        self.areas.on_built(self._install_area)
        if "Accueil" in self.areas:
            self.areas.build("Accueil")  # now: the first thing on screen
        self.actor = actor
        if actor is not None:
            self._show_signed_in(actor)
        if replacing:
            self.show_area(shown)

    def _show_signed_in(self, actor: Actor) -> None:
        for index, (name, action) in enumerate(zip(AREAS, self._area_actions(), strict=True)):
            allowed = name in self.areas
            self.ui.areaTabs.setTabVisible(index, allowed)
            action.setVisible(allowed)
            action.setEnabled(allowed)
        desk = "Accueil" in self.areas  # a référent de programme has none: not its options
        for action in (self.discreet_action, self.details_action, self.ui.actionPreferences):
            action.setVisible(desk)
        self._signed_in_label.setText(f"Connecté : {actor.name} ({actor.role.label})")
        self._signed_in_label.show()
        if not self._session_menu_shown:
            menu = self.ui.menuFile
            first = menu.actions()[0] if menu.actions() else None
            for action in (self.lock_action, self.switch_user_action, self.password_action):
                if first is None:  # what insertAction(None, …) does: PySide's stubs want one
                    menu.addAction(action)
                else:
                    menu.insertAction(first, action)
            if first is None:
                menu.addSeparator()
            else:
                menu.insertSeparator(first)
            self._session_menu_shown = True

    def _page(self, name: str) -> QWidget:
        """The tab page of an area (each has a layout, from the Designer form)."""
        page = self.ui.areaTabs.widget(AREAS.index(name))
        assert page is not None  # the form has a tab for every area
        return page

    @staticmethod
    def _layout(page: QWidget) -> QLayout:
        layout = page.layout()
        assert layout is not None  # every tab page of the form has one
        return layout

    def _install_area(self, name: str, widget: QWidget) -> None:
        page = self._page(name)
        self._clear_page(page)
        self._layout(page).setContentsMargins(0, 0, 0, 0)
        self._layout(page).addWidget(widget)
        if page.isVisible():  # built as its tab is shown: on screen now, not at the next turn
            widget.show()
        message_signal = getattr(widget, "status_message", None)
        if message_signal is not None:
            message_signal.connect(lambda text: self.ui.statusBar.showMessage(text, 6000))

    @classmethod
    def _clear_page(cls, page: QWidget) -> None:
        layout = cls._layout(page)
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater() only acts at the next event loop turn
                widget.deleteLater()

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
        digits = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
        for action, digit in zip(self._area_actions(), digits, strict=True):
            # Ctrl+1…5 as shown, and Ctrl+& é " ' ( : the same keys on AZERTY, without Maj.
            action.setShortcuts(layout_proof(Qt.KeyboardModifier.ControlModifier, digit))
        self.ui.actionQuit.triggered.connect(self.quit_application)
        self.ui.actionPreferences.triggered.connect(self._choose_centre)
        self.ui.actionAbout.triggered.connect(self._show_about)
        for index, action in enumerate(self._area_actions()):
            action.triggered.connect(lambda _checked=False, i=index: self.show_area(i))

    def _set_discreet_mode(self, discreet: bool) -> None:
        """A workstation preference: kept for the next start, applied to the Accueil now."""
        self._preferences.discreet_mode = discreet
        reception = self.areas.get("Accueil")
        if reception is not None and hasattr(reception, "set_discreet_mode"):
            reception.set_discreet_mode(discreet)

    def _set_ask_details(self, ask: bool) -> None:
        self._preferences.ask_referral_details = ask

    def _choose_centre(self) -> None:
        reception = self.areas.get("Accueil")
        if reception is not None and hasattr(reception, "choose_centre"):
            reception.choose_centre()

    def _restore_state(self) -> None:
        geometry = self._preferences.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        area = self._preferences.current_area
        self.show_area(area if 0 <= area < len(AREAS) else 0)

    def show_area(self, index: int) -> None:
        if not self.ui.areaTabs.isTabVisible(index):
            # An area the role may not use: the Accueil instead, or for a référent de
            # programme (who has none) its Orientations.
            preferred = (0, AREAS.index("Orientations"), *range(len(AREAS)))
            index = next((i for i in preferred if self.ui.areaTabs.isTabVisible(i)), 0)
        self.ui.areaTabs.setCurrentIndex(index)
        area = self.areas.get(AREAS[index])
        if area is not None and hasattr(area, "focus_search"):
            area.focus_search()
        elif self.ui.areaTabs.currentWidget() is not None:
            self.ui.areaTabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build_area_at(self, index: int) -> None:
        """A tab shown (clicked, or chosen by the code): its area is built if it was not."""
        name = AREAS[index] if 0 <= index < len(AREAS) else None
        if name is not None and name in self.areas and self.ui.areaTabs.isTabVisible(index):
            self.areas.build(name)

    def set_area_count(self, name: str, count: int, what: str = "à relancer") -> None:
        """A count on an area's tab (« Orientations (2 à relancer) »); none at zero."""
        index = AREAS.index(name)
        self.ui.areaTabs.setTabText(index, f"{name} ({count} {what})" if count else name)

    def current_area_name(self) -> str:
        return AREAS[self.ui.areaTabs.currentIndex()]

    def show_shortcut_sheet(self) -> ShortcutSheet:
        """Aide › Raccourcis clavier (F1): every shortcut of every area of the session (the
        areas not shown yet are built for it: their keys are read from their widgets)."""
        from acsrv_desktop.gui.shortcut_sheet import ShortcutSheet, shortcut_rows

        areas = {name: self.areas.build(name) for name in self.areas}
        sheet = ShortcutSheet(shortcut_rows(self, areas), self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "À propos d'acsrv-desktop",
            f"<b>{APP_DISPLAY_NAME}</b> — version {__version__}<br><br>"
            "Poste d'accueil des centres sociaux de l'ACSRV (Association des Centres Sociaux "
            "de la Région de Valenciennes), 34 avenue de Condé, 59300 Valenciennes.<br><br>"
            f"{html.escape(self.database_description)}",
        )

    # -- quitting: never lose a visit being typed by a slip of the hand ------------------------

    def confirm_quit(self, parent: QWidget | None = None) -> bool:
        """Whether the application may quit now. A visit being typed asks first (« Annuler »
        by default); quitting anyway removes its draft from the disk, and this window then
        closes without asking again."""
        reception = self.reception_area()
        if not self._quitting and reception is not None and reception.has_unsaved_input():
            if not ask_quit_anyway(parent if parent is not None else self):
                return False
            reception.discard_draft_file()
        self._quitting = True
        return True

    def reception_area(self) -> ReceptionArea | None:
        """The Accueil's area (built now if it was not), None in a session without it."""
        area = self.areas.get("Accueil")
        if area is None:
            return None
        # Imported once the Accueil is built (the module is loaded by then): not at start-up.
        from acsrv_desktop.gui.reception.area import ReceptionArea

        if not isinstance(area, ReceptionArea):
            raise TypeError(f"the Accueil is a ReceptionArea, not {type(area).__name__}")
        return area

    def quit_application(self) -> None:
        """Fichier › Quitter (Ctrl+Q): the last window closed ends the application."""
        if self.confirm_quit():
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        # A close asked by the window system (the title bar's ×, Alt+F4, the end of the
        # desktop session) arrives spontaneous and asks first; one asked by the code (after
        # the question, or when tests tear the window down) does not.
        if event.spontaneous() and not self.confirm_quit():
            event.ignore()
            return
        self._preferences.window_geometry = self.saveGeometry()
        self._preferences.current_area = self.ui.areaTabs.currentIndex()
        self._preferences.sync()
        super().closeEvent(event)
