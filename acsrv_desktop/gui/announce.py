"""Messages said to screen readers as well as shown.

A screen reader reads the control that has the focus; a label whose text changes elsewhere
— an error under a form, « Vérification… », a confirmation in the status bar — goes unheard.
What a person must know is therefore also sent as an announcement (Qt's
``QAccessibleAnnouncementEvent``: a UI Automation notification on Windows, an AT-SPI
announcement on Linux), assertive for an error, polite otherwise, with the label's
``NameChanged`` for the readers that follow the label itself.

- ``show_message(label, text)``: a message label (shown while it says something, hidden when
  empty; its dialog grown to hold it), announced; an error label
  (``theme.set_kind(label, Kind.ERROR)``) assertively.
- ``announce(widget, text)``: a message shown elsewhere (the status bar).
- ``announce_messages(widget, signal)``: every text an area's ``status_message`` sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QDialog, QLabel

from acsrv_desktop.gui.theme import Kind, grow_to_fit, kind_of, set_kind

# What delivers the events (Qt's accessibility bridge); tests replace it to hear what is said.
send: Callable[[QAccessibleEvent], Any] = QAccessible.updateAccessibility

_POLITENESS = QAccessible.AnnouncementPoliteness


def announce(source: QObject, message: str, *, urgent: bool = False) -> None:
    """Ask the screen reader to say ``message`` (from ``source``, the widget showing it):
    at once if ``urgent``, else once it has finished what it is saying."""
    if not message.strip():
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(_POLITENESS.Assertive if urgent else _POLITENESS.Polite)
    send(event)


def show_message(label: QLabel, message: str, kind: Kind | None = None) -> None:
    """``message`` in ``label`` (hidden when empty), in the colours of ``kind`` if given,
    and announced — assertively for an error."""
    if kind is not None:
        set_kind(label, kind)
    label.setText(message)
    label.setVisible(bool(message))
    if message:
        window = label.window()
        if isinstance(window, QDialog) and window.isVisible():
            grow_to_fit(window)  # the fields above keep their size
        send(QAccessibleEvent(label, QAccessible.Event.NameChanged))
        announce(label, message, urgent=kind_of(label) is Kind.ERROR)


def announce_messages(source: QObject, signal: SignalInstance) -> None:
    """Every text ``signal`` carries (an area's ``status_message``, shown in the status
    bar) announced politely."""
    signal.connect(lambda text: announce(source, str(text)))
