"""What the visitor standing at the desk can read of the others (the discreet mode).

On by default (``Preferences.discreet_mode``; a back-office desk turns it off):

- the day's list shows initials (« F. B. ») and counts, the whole line only on the row
  selected (``TodayModel.reveal``);
- the confirmation of a save names the person for a few seconds (``NAME_SHOWN_MS``), then
  says only « Passage enregistré … »;
- after ``MASK_AFTER_S`` without a key or a click while the form shows something personal,
  the whole area is covered until a key is pressed (that key only unmasks: it types nothing
  and triggers no shortcut) or the cover is clicked. The idle lock comes later, as it is.

Time is read from an injectable clock and checked by a timer of an injectable interval: the
tests move the clock and call ``check_now`` rather than wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from acsrv_desktop.gui.announce import announce

MASK_AFTER_S = 30.0
NAME_SHOWN_MS = 5_000
CHECK_EVERY_MS = 1_000
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Control,
        Qt.Key.Key_Shift,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
    }
)
MASKED_TEXT = (
    "Formulaire masqué après 30 secondes sans saisie.\n"
    "Appuyez sur une touche (ou cliquez) pour le réafficher."
)


class _Cover(QWidget):
    """The area covered: the window's own colours, one sentence in the middle."""

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self.setObjectName("discreetCover")
        self.setAutoFillBackground(True)
        label = QLabel(MASKED_TEXT, self)
        label.setObjectName("discreetCoverText")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.hide()


class Discretion(QObject):
    """The discreet mode of one Accueil area: the masking and the name's few seconds."""

    def __init__(
        self,
        area: QWidget,
        *,
        enabled: bool,
        shows_personal: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(area)
        self._area = area
        self._shows_personal = shows_personal  # whether anything personal is on screen now
        self.clock = clock  # seconds, monotonic; tests move it by hand
        self.mask_after_s = MASK_AFTER_S
        self._last_input = clock()
        self.cover = _Cover(area)
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(CHECK_EVERY_MS)
        self.check_timer.timeout.connect(self.check_now)
        # The name of a save, shown for a few seconds (a single shot per name: no timer of the
        # area waits on it, and a name replaced meanwhile is not taken away twice).
        self.name_shown_ms = NAME_SHOWN_MS
        self._after_name: Callable[[], None] | None = None
        self._names = 0
        area.installEventFilter(self)
        self.enabled = False
        self.set_enabled(enabled)

    def set_enabled(self, enabled: bool) -> None:
        """The mode on or off (Affichage › Mode discret): off, nothing is masked any more."""
        if enabled == self.enabled:
            return
        self.enabled = enabled
        app = QApplication.instance()
        if enabled:
            self._last_input = self.clock()
            if app is not None:
                app.installEventFilter(self)  # any key or click of the application is input
            self.check_timer.start()
        else:
            if app is not None:
                app.removeEventFilter(self)
            self.check_timer.stop()
            self.unmask()
            self.forget_name()  # a name on screen may stay: the mode is off

    @property
    def masked(self) -> bool:
        return self.cover.isVisible()

    # -- the name of a save, for a few seconds -------------------------------------------------

    def for_a_few_seconds(self, then: Callable[[], None]) -> None:
        """Something personal was just shown (the name of a save): ``then`` takes it away
        after ``NAME_SHOWN_MS`` (at once if the mode is off: nothing to take away)."""
        if not self.enabled:
            return
        self._names += 1
        self._after_name = then
        QTimer.singleShot(self.name_shown_ms, self, lambda name=self._names: self._shown(name))

    @property
    def name_shown(self) -> bool:
        """A name is on screen, to be taken away."""
        return self._after_name is not None

    def _shown(self, name: int) -> None:
        if name != self._names:
            return  # another name came meanwhile: it has its own few seconds
        then, self._after_name = self._after_name, None
        if then is not None:
            then()

    def forget_name(self) -> None:
        """Another message replaced the name: nothing to take away any more."""
        self._names += 1
        self._after_name = None

    # -- the mask ------------------------------------------------------------------------------

    def check_now(self) -> None:
        """Mask the area if nothing was typed or clicked for ``mask_after_s`` while it shows
        something personal."""
        if not self.enabled or self.masked or not self._area.isVisible():
            return
        if self.clock() - self._last_input >= self.mask_after_s and self._shows_personal():
            self.mask()

    def mask(self) -> None:
        self.cover.setGeometry(self._area.rect())
        self.cover.raise_()
        self.cover.show()
        announce(self.cover, "Formulaire masqué : appuyez sur une touche pour le réafficher.")

    def unmask(self) -> None:
        self._last_input = self.clock()
        if self.masked:
            self.cover.hide()

    def _inside(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self._area.window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self._area:
            if kind == QEvent.Type.Resize and self.masked:
                self.cover.setGeometry(self._area.rect())
            return False
        if kind in ACTIVITY and not self.masked:
            self._last_input = self.clock()
            return False
        if not self.masked or not self._inside(watched):
            return False
        if isinstance(event, QKeyEvent) and event.key() in MODIFIER_KEYS:
            return False  # Ctrl, Maj, Alt alone: the key that comes with them unmasks
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut acts behind the cover: the key goes to unmasking
            return True
        if kind == QEvent.Type.KeyPress or (
            kind == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and (watched is self.cover or self.cover.isAncestorOf(watched))
        ):
            self.unmask()
            return True  # that key or click only unmasks
        return False
