"""What a person at a real desk would find wrong in a window: controls squeezed below their
own minimum size, controls cut by their parent, text below WCAG AA contrast, focusable
controls without a name for a screen reader. Used by the fit, contrast and accessibility
tests (tests/gui/test_fit.py, test_contrast.py, test_accessibility.py), for every area and
dialog — the Accueil's own tests use them too.

Also here: the desk those tests look at (the real main window, built through
``build_areas`` on a database with a few visits, referrals and visitors, every area shown
until it is idle) and every dialog the application opens outside the Accueil, each built as
the application builds it, at its default size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

from acsrv_desktop.gui.theme import AA_CONTRAST, contrast_ratio

# What a person reads or acts on; containers (frames, group boxes, pages) are judged by these.
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QLabel,
    QAbstractScrollArea,
    QTabBar,
)
SLACK = 1  # pixels of rounding a layout may lose

# The logical sizes of the common desk screens, each minus a taskbar (issue 13): 1366×768,
# 1280×720 (and 1920×1080 at 150 %), 1920×1080 at 125 %.
DESK_SIZES = {"1366×728": (1366, 728), "1280×680": (1280, 680), "1536×832": (1536, 832)}


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel | QLineEdit) else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} « {text[:40]} »" if text else name


def _inside_item_view(widget: QWidget, top: QWidget) -> bool:
    """A child of a list or table's own viewport (editors, scroll bars): laid out by it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _qt_file_dialog_button(widget: QWidget) -> bool:
    """The navigation buttons of Qt's own file dialog: Qt sizes them to the height of its
    file name field (qfiledialog.cpp), a pixel or two under their hint, their icons whole."""
    if not isinstance(widget, QToolButton) or not isinstance(widget.window(), QFileDialog):
        return False
    icon = widget.iconSize()
    return icon.width() <= widget.width() - 4 and icon.height() <= widget.height() - 4


def _line_edit_clear_button(widget: QWidget) -> bool:
    """The clear button Qt puts inside a line edit holding text (``setClearButtonEnabled``):
    Qt sizes it to the field's height, a few pixels under its own hint, its icon whole."""
    if not isinstance(widget, QToolButton) or not isinstance(widget.parentWidget(), QLineEdit):
        return False
    icon = widget.iconSize()
    return icon.width() <= widget.width() and icon.height() <= widget.height()


def _needed_size(widget: QWidget) -> tuple[int, int]:
    hint = widget.minimumSizeHint()
    if isinstance(widget, QLabel) and widget.wordWrap():
        # A wrapped label may be narrow, as long as it is tall enough for its lines.
        return 0, widget.heightForWidth(widget.width()) if widget.width() > 0 else hint.height()
    if isinstance(widget, QAbstractScrollArea):
        return 0, min(hint.height(), 40)  # a list must show at least a line or two
    return hint.width(), hint.height()


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def squeezed_or_cut(top: QWidget, *, allow_scroll_areas: bool = True) -> list[str]:
    """Every visible control of ``top`` smaller than its own minimumSizeHint(), or drawn
    partly outside one of its parents. Inside a QScrollArea being cut is what scrolling is
    for (``allow_scroll_areas``), but being squeezed is not."""
    found: list[str] = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(top):
            continue
        if (
            _inside_item_view(widget, top)
            or _qt_file_dialog_button(widget)
            or _line_edit_clear_button(widget)
        ):
            continue
        need_width, need_height = _needed_size(widget)
        if widget.width() < need_width - SLACK or widget.height() < need_height - SLACK:
            found.append(
                f"squeezed: {_describe(widget)} {widget.width()}×{widget.height()} "
                f"< {need_width}×{need_height}"
            )
            continue
        if allow_scroll_areas and _in_scroll_area(widget, top):
            continue
        rect = _rect_in(widget, top)
        parent = widget.parentWidget()
        while parent is not None:
            if not _rect_in(parent, top).adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                found.append(
                    f"cut: {_describe(widget)} by {_describe(parent)}: "
                    f"{rect.getRect()} outside {_rect_in(parent, top).getRect()}"
                )
                break
            if parent is top:
                break
            parent = parent.parentWidget()
    return found


def in_scroll_areas(top: QWidget, widgets: list[QWidget]) -> list[str]:
    """Those of ``widgets`` inside a scroll area of ``top``: a main list or a primary action
    must never need scrolling to be reached."""
    return [_describe(widget) for widget in widgets if _in_scroll_area(widget, top)]


# -- contrast -----------------------------------------------------------------------------------


def _background_of(widget: QWidget, role: QPalette.ColorRole) -> QColor:
    """The colour actually behind ``widget``'s text: its own ``role`` if it paints its
    background, else that of the first parent that does (a label is transparent)."""
    current: QWidget | None = widget
    while current is not None:
        paints = (
            current is widget and not isinstance(current, QLabel | QCheckBox | QRadioButton)
        ) or current.autoFillBackground()
        if paints or current.isWindow():
            own = role if current is widget else current.backgroundRole()
            return current.palette().color(own)
        if isinstance(current.parentWidget(), QAbstractScrollArea):
            viewport = current.parentWidget()
            assert viewport is not None
            return viewport.palette().color(viewport.backgroundRole())
        current = current.parentWidget()
    return widget.palette().color(role)


def _text_pairs(widget: QWidget) -> Iterator[tuple[str, QColor, QColor]]:
    """(what, text colour, background) for each kind of text ``widget`` draws."""
    palette, role = widget.palette(), QPalette.ColorRole
    chart = getattr(widget, "chart", None)
    if callable(chart):  # a QChartView: the texts drawn in its chart
        yield from _chart_texts(chart())
        return
    if isinstance(widget, QHeaderView):
        yield "en-tête", palette.color(role.ButtonText), palette.color(role.Button)
        return
    if isinstance(widget, QAbstractItemView):
        base = widget.viewport().palette()
        yield "lignes", base.color(role.Text), base.color(role.Base)
        if widget.alternatingRowColors():
            yield "lignes alternées", base.color(role.Text), base.color(role.AlternateBase)
        return
    if isinstance(widget, QLineEdit):
        yield "texte", palette.color(role.Text), palette.color(role.Base)
        if widget.placeholderText():
            yield "indication", palette.color(role.PlaceholderText), palette.color(role.Base)
        return
    if isinstance(widget, QAbstractSpinBox):
        yield "texte", palette.color(role.Text), palette.color(role.Base)
        return
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            yield "texte", palette.color(role.Text), palette.color(role.Base)
        else:
            yield "texte", palette.color(role.ButtonText), palette.color(role.Button)
        return
    if isinstance(widget, QCheckBox | QRadioButton):  # their text is drawn on the window
        yield "texte", palette.color(role.WindowText), _background_of(widget, role.Window)
        return
    if isinstance(widget, QAbstractButton):
        if widget.text():
            flat = getattr(widget, "isFlat", lambda: False)()
            background = _background_of(widget, role.Window) if flat else None
            text = palette.color(role.WindowText if flat else role.ButtonText)
            yield "texte", text, background or palette.color(role.Button)
        return
    if isinstance(widget, QTabBar):
        yield "onglets", palette.color(role.WindowText), _background_of(widget, role.Window)
        return
    if isinstance(widget, QLabel) and widget.text().strip():
        text = palette.color(widget.foregroundRole())
        yield "texte", text, _background_of(widget, widget.backgroundRole())


def _chart_texts(chart: Any) -> Iterator[tuple[str, QColor, QColor]]:
    background = chart.backgroundBrush().color()
    if chart.title():
        yield "titre du graphique", chart.titleBrush().color(), background
    for axis in chart.axes():
        if axis.labelsVisible():
            yield "graduations", axis.labelsBrush().color(), background
    if chart.legend().isVisible():
        yield "légende", chart.legend().labelColor(), background


def low_contrast(top: QWidget, minimum: float = AA_CONTRAST) -> list[str]:
    """Every visible, enabled text of ``top`` (labels, buttons, fields and their
    placeholders, lists, table headers, tabs) whose colour, as the widget draws it, is below
    ``minimum`` contrast on its background. Disabled controls are exempt, as in WCAG."""
    found: list[str] = []
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        if not widget.isEnabled():
            continue
        if _inside_item_view(widget, top) and not isinstance(widget, QHeaderView):
            continue  # an item view's editors and scroll bars; its header is read
        for what, text, background in _text_pairs(widget):
            ratio = contrast_ratio(text, background)
            if ratio < minimum:
                found.append(
                    f"{_describe(widget)} ({what}) : {text.name()} sur {background.name()} "
                    f"= {ratio:.2f}:1"
                )
    return found


# -- accessibility ------------------------------------------------------------------------------


def unnamed_controls(top: QWidget) -> list[str]:
    """Every visible control that takes the keyboard focus and has no accessible name (no
    text, no label whose buddy it is, no accessibleName)."""
    found: list[str] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box or combo box: named by its owner
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(_describe(widget))
    return found


# -- every page of a window ---------------------------------------------------------------------


def each_page(top: QWidget, settle: Callable[[], None]) -> Iterator[str]:
    """Show each page of every tab widget of ``top`` in turn (the areas' sections, a
    dialog's tabs, the charts), ``settle`` after each; yields where it is (« » at first).
    The pages first shown are shown again at the end."""
    yield ""
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisibleTo(top):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first or not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            settle()
            yield f"{tabs.objectName() or 'onglets'} › {tabs.tabText(index).replace('&', '')}"
        tabs.setCurrentIndex(first)
        settle()


def settle_events(qtbot: Any, *waited: Any) -> None:
    """Let the layouts run and every busy object (``is_busy``) answer."""
    for thing in waited:
        if thing is not None and hasattr(thing, "is_busy"):
            qtbot.waitUntil(lambda t=thing: not t.is_busy, timeout=20_000)
    for _ in range(3):
        QApplication.processEvents()


# -- the desk: the real main window with some data ----------------------------------------------

PASSWORD = "Accueil-Denain-2026"


def seed_desk(db: Any) -> None:
    """A few months of visits (needs, referrals of every status, visitors coming back),
    and today's visits with long programme names: no list of any area is empty."""
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.demo import generate
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    generate(db, visits=400, visitors=90, centres=4, seed=13, years=1)
    centre = CentreService(db).centres()[0].id
    visits = VisitService(db, Actor.system("tests"))
    now = datetime.now(UTC)
    for minutes, (first, last, needs, programmes) in enumerate(
        (
            ("Amina", "Benali", ("trouver-un-emploi", "se-former"), ("cites-lab",)),
            (
                "Jean-Pierre",
                "Vandenbussche",
                (
                    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
                ),
                ("forum-citoyen",),
            ),
            ("Fatima", "Benali", ("trouver-un-emploi",), ("court-circuit", "cites-lab")),
        )
    ):
        visits.log_visit(
            VisitInput(
                centre,
                "sur-place",
                now - timedelta(minutes=10 + minutes),
                needs,
                visitor=VisitorInput(first, last, 1988, None, "femme", "Denain", ("rsa",)),
                programmes=programmes,
            )
        )


@dataclass
class Desk:
    """The main window of a signed-in administrator (every area), on a seeded database."""

    qtbot: Any
    db: Any
    preferences: Any
    services: Any
    window: Any
    opened: list[QWidget] = field(default_factory=list)

    def area(self, name: str) -> QWidget:
        return self.window.areas.build(name)

    def show_area(self, name: str) -> QWidget:
        """Ctrl+1…5 as the person does it, then wait until the area has its data."""
        from acsrv_desktop.gui.main_window import AREAS

        self.window.show_area(AREAS.index(name))
        area = self.area(name)
        self.qtbot.waitUntil(area.isVisible)
        self.settle(area)
        return area

    def settle(self, *waited: Any) -> None:
        settle_events(self.qtbot, *waited)

    def keep(self, widget: QWidget) -> QWidget:
        self.qtbot.addWidget(widget)
        self.opened.append(widget)
        return widget


def open_desk(qtbot: Any, db: Any, preferences: Any, size: tuple[int, int]) -> Desk:
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.services import Services
    from acsrv_desktop.gui.application import build_areas
    from acsrv_desktop.gui.main_window import MainWindow

    seed_desk(db)
    accounts = AccountService(db)
    accounts.create_first_administrator("direction", "Claire Direction", PASSWORD, None)
    actor = accounts.sign_in("direction", PASSWORD)
    services = Services(db, actor)
    window = MainWindow(db.describe(), preferences, build_areas(services, preferences), actor=actor)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    desk = Desk(qtbot, db, preferences, services, window)
    desk.settle(window.reception_area())
    return desk


# -- every dialog outside the Accueil, as the application opens it ------------------------------


def _shown(desk: Desk, widget: QWidget, *waited: Any) -> QWidget:
    desk.keep(widget)
    widget.show()
    desk.qtbot.waitExposed(widget)
    desk.settle(widget, *waited)
    return widget


def _sign_in(desk: Desk) -> QWidget:
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog

    return _shown(desk, SignInDialog(AccountService(desk.db)))


def _switch_user(desk: Desk) -> QWidget:
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog

    return _shown(desk, SignInDialog(AccountService(desk.db), desk.window, switching=True))


def _wizard(desk: Desk, page: int) -> QWidget:
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.gui.accounts.sign_in import SetupWizard

    wizard = SetupWizard(AccountService(desk.db), CentreService(desk.db), desk.preferences)
    _shown(desk, wizard)
    if page:
        wizard.centre_page.centre_combo.setCurrentIndex(0)
        wizard.next()
        desk.settle()
    return wizard


def _unlock(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.accounts.lock import UnlockDialog

    return _shown(desk, UnlockDialog(desk.services.accounts, switch_user=lambda _parent: None))


def _veil(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.accounts.lock import Veil

    veil = Veil(desk.window)
    desk.opened.append(veil)
    desk.settle()
    return veil


def _own_password(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.accounts.sign_in import PasswordDialog

    return _shown(desk, PasswordDialog(desk.services.accounts, parent=desk.window))


def _someone_elses_password(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.accounts.sign_in import PasswordDialog

    dialog = PasswordDialog(
        desk.services.accounts, account_id=10_000, title="Nouveau mot de passe — marie"
    )
    return _shown(desk, dialog)


def _entry(desk: Desk, entry_id: str | None) -> QWidget:
    from acsrv_desktop.gui.administration.dialogs import EntryDialog

    return _shown(desk, EntryDialog(desk.services.catalogue, entry_id, desk.window))


def _contact(desk: Desk, existing: bool) -> QWidget:
    from acsrv_desktop.gui.administration.dialogs import ContactDialog

    contact = desk.services.catalogue.contacts()[0].id if existing else None
    return _shown(desk, ContactDialog(desk.services.catalogue, contact, desk.window))


def _account(desk: Desk, existing: bool) -> QWidget:
    from acsrv_desktop.gui.administration.accounts import AccountDialog

    account = desk.services.accounts.accounts()[0] if existing else None
    centres = desk.services.centres.centres()
    return _shown(desk, AccountDialog(desk.services.accounts, centres, account, desk.window))


def _refusal(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.orientations.refusal import RefusalDialog

    return _shown(desk, RefusalDialog("Cités Lab — Valenciennes Métropole", "", desk.window))


def _history(desk: Desk) -> QWidget:
    area = desk.show_area("Fréquentation")
    history = area.show_history()
    desk.opened.append(history)
    desk.qtbot.waitExposed(history)
    desk.settle(history, area)
    return history


def _shortcut_sheet(desk: Desk) -> QWidget:
    sheet = desk.window.show_shortcut_sheet()
    desk.opened.append(sheet)
    desk.qtbot.waitExposed(sheet)
    desk.settle()
    return sheet


def _quit_question(desk: Desk) -> QWidget:
    from acsrv_desktop.gui.main_window import quit_question

    return _shown(desk, quit_question(desk.window))


def _save_file(desk: Desk) -> QWidget:
    """The file dialog of « Fiche en PDF… » and of the exports (``gui.widgets.ask_save_path``:
    Qt's own, in French)."""
    from acsrv_desktop.gui.slips import slip_folder

    dialog = QFileDialog(
        desk.window,
        "Enregistrer la fiche d’orientation",
        str(slip_folder() / "fiche-orientation-2026-12-02-1030-cites-lab.pdf"),
        "PDF (*.pdf)",
    )
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _shown(desk, dialog)


# -- the same dialogs saying why they refuse: a message must fit and read too ----------------


def _sign_in_refused(desk: Desk) -> QWidget:
    dialog = _sign_in(desk)
    dialog.login_edit.setText("direction")
    dialog.password_edit.setText("pas le bon")
    dialog.try_sign_in()
    desk.settle(dialog)
    return dialog


def _wizard_refused(desk: Desk) -> QWidget:
    wizard = _wizard(desk, 1)
    page = wizard.administrator_page
    page.password_edit.setText("Un-mot-de-passe-2026")
    page.confirm_edit.setText("Un-autre-2026")
    wizard.next()
    desk.settle()
    return wizard


def _unlock_refused(desk: Desk) -> QWidget:
    dialog = _unlock(desk)
    dialog.password_edit.setText("pas le bon")
    dialog.try_unlock()
    desk.settle(dialog)
    return dialog


def _password_refused(desk: Desk) -> QWidget:
    dialog = _own_password(desk)
    dialog.new_edit.setText("Un-mot-de-passe-2026")
    dialog.confirm_edit.setText("Un-autre-2026")
    dialog.save()
    desk.settle(dialog)
    return dialog


def _account_refused(desk: Desk) -> QWidget:
    dialog = _account(desk, False)
    dialog.save()  # no role chosen, no centre
    desk.settle(dialog)
    return dialog


def _entry_refused(desk: Desk) -> QWidget:
    dialog = _entry(desk, None)
    dialog._save()  # the name is missing
    desk.settle(dialog)
    return dialog


def _contact_refused(desk: Desk) -> QWidget:
    dialog = _contact(desk, False)
    dialog._save()  # the name is missing
    desk.settle(dialog)
    return dialog


# Every dialog and window the application opens, outside the Accueil's own (gui/reception).
DIALOGS: dict[str, Callable[[Desk], QWidget]] = {
    "connexion": _sign_in,
    "changement d’utilisateur": _switch_user,
    "mise en route — centre": lambda desk: _wizard(desk, 0),
    "mise en route — compte": lambda desk: _wizard(desk, 1),
    "déverrouillage": _unlock,
    "voile de verrouillage": _veil,
    "mon mot de passe": _own_password,
    "mot de passe d’un compte": _someone_elses_password,
    "nouvelle fiche du catalogue": lambda desk: _entry(desk, None),
    "fiche du catalogue": lambda desk: _entry(desk, "cites-lab"),
    "nouveau contact": lambda desk: _contact(desk, False),
    "contact": lambda desk: _contact(desk, True),
    "nouveau compte": lambda desk: _account(desk, False),
    "compte": lambda desk: _account(desk, True),
    "refus d’orientation": _refusal,
    "historique des passages": _history,
    "raccourcis clavier": _shortcut_sheet,
    "quitter ?": _quit_question,
    "enregistrer un fichier": _save_file,
    "connexion refusée": _sign_in_refused,
    "mise en route — mots de passe différents": _wizard_refused,
    "déverrouillage refusé": _unlock_refused,
    "mon mot de passe — refusé": _password_refused,
    "nouveau compte — refusé": _account_refused,
    "nouvelle fiche — refusée": _entry_refused,
    "nouveau contact — refusé": _contact_refused,
}
