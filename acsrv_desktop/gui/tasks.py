"""Long work off the GUI thread: one helper for the whole application.

``run_in_background(work, on_done, on_error)`` runs ``work()`` on the global QThreadPool and
delivers its result, or its exception, to the callbacks on the GUI thread (a queued signal).
Workers never touch a widget; each call of a service opens its own short session.

No Qt object may die on a worker thread: Python's cyclic garbage collector runs on whichever
thread happens to allocate, and a widget or QObject freed there crashes the application (a
segmentation fault, seen in the tests). So while any work is on its way, the automatic
collector is off and the GUI thread collects instead, on a timer, by the same thresholds (as
pyqtgraph's GarbageCollector does); it is on again once every answer is in. And the worker
holds nothing but the work while it runs: the callbacks (and through them the
widgets) stay with the GUI thread until the answer is delivered, one long-lived dispatcher
object carries every answer (no QObject per job), and the frames of a failure's traceback are
cleared before it is handed over (its text is kept for the log).
"""

from __future__ import annotations

import gc
import logging
import time
import traceback
import weakref
from collections.abc import Callable
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer

from acsrv_desktop.core.errors import UserFacingError

log = logging.getLogger(__name__)


def failure_text(error: BaseException) -> str:
    """What staff read when background work failed: a ``UserFacingError``'s French message;
    anything else is a defect, logged with its traceback and named as such."""
    if isinstance(error, UserFacingError):
        return str(error)
    log.error("tâche de fond : erreur inattendue", exc_info=error)
    return "erreur inattendue (voir le journal)"


_Callbacks = tuple[
    QObject | None, Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]
]
_pending: dict[int, _Callbacks] = {}  # kept on the GUI thread until the answer arrives
_keys = count()


_ANSWER = QEvent.Type(QEvent.registerEventType())
COLLECT_EVERY_MS = 100
FULL_COLLECTION_EVERY_S = 30.0


class _Answer(QEvent):
    """A job's answer, posted from its worker thread to the dispatcher."""

    def __init__(self, key: int, succeeded: bool, value: object) -> None:
        super().__init__(_ANSWER)
        self.key, self.succeeded, self.value = key, succeeded, value


class _Dispatcher(QObject):
    """Lives on the GUI thread; workers post it their answers (an event, not a signal: with
    PySide6 6.12 on CPython 3.11 every ``emit()`` from Python takes one reference too many
    from ``True``, and the process aborts once they are spent). It also runs the garbage
    collector while work is on its way (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._collecting = QTimer(self)
        self._collecting.setInterval(COLLECT_EVERY_MS)
        self._collecting.timeout.connect(self._collect)
        self._holds_collector = False  # the automatic collector was switched off here
        self._last_full = time.monotonic()

    def hold_collector(self) -> None:
        """Work is about to run: no automatic collection (it could run on the worker)."""
        if not self._holds_collector and gc.isenabled():
            gc.disable()
            self._holds_collector = True
            self._collecting.start()

    def _release_collector(self) -> None:
        if self._holds_collector and not _pending:
            self._collect()
            self._collecting.stop()
            self._holds_collector = False
            gc.enable()

    def _collect(self) -> None:
        """What the automatic collector would have done by now, here on the GUI thread.

        A full collection walks every object (50 ms with the areas built, more in a test
        run): at most one per FULL_COLLECTION_EVERY_S, the younger generations meanwhile
        (CPython's own collector also puts full collections off, by its 25 % rule)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        now = time.monotonic()
        if counts[2] > thresholds[2] and now - self._last_full >= FULL_COLLECTION_EVERY_S:
            gc.collect(2)
            self._last_full = now
        elif counts[1] > thresholds[1] or counts[2] > thresholds[2]:
            gc.collect(1)
        elif counts[0] > thresholds[0]:
            gc.collect(0)

    def customEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if not isinstance(event, _Answer):
            return
        owner, _work, on_done, on_error = _pending.pop(event.key)
        value, event.value = event.value, None
        try:
            if owner is not None and not shiboken6.isValid(owner):
                return  # its window was closed meanwhile
            if event.succeeded:
                on_done(value)
            else:
                assert isinstance(value, BaseException)
                on_error(value)
        finally:
            self._release_collector()


_dispatcher: _Dispatcher | None = None


def _detach(error: BaseException) -> None:
    """Clear the local variables of the failure's frames (and of its causes): they may hold
    widgets, and a traceback often sits in a reference cycle that the collector frees on
    whatever thread. Line numbers stay for the log."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        stack += [current.__cause__, current.__context__]


def _run(key: int, work: list[Callable[[], Any]], dispatcher: _Dispatcher) -> None:
    task = work.pop()  # the GUI thread keeps its own reference until the answer
    try:
        result = task()
    except Exception as exc:  # noqa: BLE001 — handed to the GUI thread, which reports it
        del task
        log.warning("tâche de fond en échec : %s", exc)
        _detach(exc)
        _post(dispatcher, _Answer(key, False, exc))
    else:
        del task
        _post(dispatcher, _Answer(key, True, result))


def _post(dispatcher: _Dispatcher, answer: _Answer) -> None:
    try:
        QCoreApplication.postEvent(dispatcher, answer)
    except RuntimeError:  # the application is closing (its objects are gone): nobody to tell
        log.info("réponse d’une tâche de fond après la fermeture, ignorée")


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """``owner``: the widget the callbacks belong to; an answer that comes after it was
    deleted (a window closed meanwhile) is dropped. Call from the GUI thread."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    dispatcher = _dispatcher
    dispatcher.hold_collector()
    key = next(_keys)
    _pending[key] = (owner, work, on_done, on_error)
    box = [work]
    QThreadPool.globalInstance().start(lambda: _run(key, box, dispatcher))


class LatestOnly:
    """Background requests of which only the latest answer counts (a lookup as one types: an
    answer to letters already replaced is dropped, never shown over a newer one).

    The owner is held weakly: a widget keeping its ``LatestOnly`` would otherwise make a
    reference cycle, freed by the collector on whatever thread (see above)."""

    def __init__(self, owner: QObject) -> None:
        self._owner = weakref.ref(owner)
        self._latest = 0
        self._pending = 0

    @property
    def busy(self) -> bool:
        """A request is still on its way (its answer may yet be shown)."""
        return self._pending > 0

    def cancel(self) -> None:
        """Answers already on their way are dropped (the request they answer is no more)."""
        self._latest += 1

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        owner = self._owner()
        if owner is None:
            return  # its widget is gone: nobody to answer
        self._latest += 1
        self._pending += 1
        mine = self._latest

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            self._pending -= 1
            if mine == self._latest:
                callback(value)

        run_in_background(
            work,
            lambda result: deliver(on_done, result),
            lambda exc: deliver(on_error, exc),
            owner,
        )
