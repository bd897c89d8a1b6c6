"""Long work off the GUI thread: one helper for the whole application.

``run_in_background(work, on_done, on_error)`` runs ``work()`` on the global QThreadPool and
delivers its result, or its exception, to the callbacks on the GUI thread (queued signals).
Workers never touch a widget; each call of a service opens its own short session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 — handed to the GUI thread, which reports it
            log.warning("tâche de fond en échec : %s", exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()  # keeps each job's signal object alive until it has reported


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """``owner``: the widget the callbacks belong to; an answer that comes after it was
    deleted (a window closed meanwhile) is dropped."""
    job = _Job(work)
    job.setAutoDelete(False)
    _running.add(job)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        if owner is None or shiboken6.isValid(owner):
            callback(value)

    job.signals.done.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(job)


class LatestOnly:
    """Background requests of which only the latest answer counts (a lookup as one types: an
    answer to letters already replaced is dropped, never shown over a newer one)."""

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._latest = 0
        self._pending = 0

    @property
    def busy(self) -> bool:
        """A request is still on its way (its answer may yet be shown)."""
        return self._pending > 0

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
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
            self._owner,
        )
