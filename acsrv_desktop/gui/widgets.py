"""Small widget helpers shared by the areas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QStandardPaths, Qt, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.private_files import private_folder
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.theme import Kind


def fill_checklist(widget: QListWidget, items: dict[str, str], checked: list[str]) -> None:
    """Checkable items (value -> label); the checked ones first, in their given order."""
    widget.clear()
    ordered = [v for v in checked if v in items] + [v for v in items if v not in checked]
    for value in ordered:
        item = QListWidgetItem(items[value])
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_values(widget: QListWidget) -> list[str]:
    return [
        widget.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    ]


def filter_list(widget: QListWidget, text: str) -> None:
    """Hide the items whose label does not contain ``text`` (accents and case ignored)."""
    from acsrv_desktop.core.text import fold

    needle = fold(text.strip())
    for row in range(widget.count()):
        item = widget.item(row)
        item.setHidden(bool(needle) and needle not in fold(item.text()))


def show_refusal(label: QLabel, message: str) -> None:
    """A refused save, said under the form in the palette's error colour and announced to
    screen readers (the form keeps everything typed)."""
    show_message(label, f"Enregistrement impossible — {message}", Kind.ERROR)


def documents_folder(subfolder: str | None = None) -> Path:
    """The user's Documents folder (or ``subfolder`` in it, created if missing); else home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    if subfolder is None:
        return folder
    try:
        # The application's own folder (slips name no one, but say where someone was sent).
        private_folder(folder / subfolder)
    except OSError:  # a read-only or missing Documents: the home folder still takes the file
        return folder if folder.is_dir() else Path.home()
    return folder / subfolder


def ask_save_path(
    parent: QWidget, title: str, file_name: str, filters: str, folder: Path | None = None
) -> Path | None:
    """The file dialog, opened in ``folder`` (the user's Documents) with a sensible file name.

    Qt's own dialog, not the desktop's: the same look on every workstation, and in French
    (qtbase_fr and the few strings it lacks, see ``gui.translations``).
    """
    start = (folder or documents_folder()) / file_name
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(start), filters, options=QFileDialog.Option.DontUseNativeDialog
    )
    return Path(path) if path else None


def save_cancel_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """« Enregistrer » (the default, Entrée) and « Annuler » (Échap) under a form."""
    buttons = QDialogButtonBox()
    buttons.addButton("&Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _FirstShow(QObject):
    def __init__(self, widget: QWidget, load: Callable[[], None]) -> None:
        super().__init__(widget)
        self._load = load
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self._load()
        return False


def load_when_first_shown(widget: QWidget, load: Callable[[], None]) -> None:
    """Read a panel's data when it is first shown, not when the window is built: start-up
    does not wait for lists nobody has looked at yet."""
    _FirstShow(widget, load)


def show_paris_time(edit: QDateTimeEdit, when: datetime) -> None:
    """Show an aware instant as the wall-clock time in Valenciennes, to the minute shown."""
    local = when.astimezone(PARIS).replace(tzinfo=None, second=0, microsecond=0)
    edit.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )


def typed_paris_time(edit: QDateTimeEdit) -> datetime:
    """What the field says, read as Valenciennes wall-clock time (aware)."""
    local = edit.dateTime().toPython()
    assert isinstance(local, datetime)  # PySide's stubs say only « object »
    return local.replace(tzinfo=PARIS)


def python_date(value: QDate) -> date:
    """``QDate.toPython()``, typed (PySide's stubs say only « object »)."""
    day = value.toPython()
    assert isinstance(day, date)
    return day
