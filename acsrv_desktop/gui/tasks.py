"""Long work off the GUI thread: one helper for the whole application.

``run_in_background(work, on_done, on_error)`` runs ``work()`` on the global QThreadPool and
delivers its result, or its exception, to the callbacks on the GUI thread (queued signals).
Workers never touch a widget; each call of a service opens its own short session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

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
) -> None:
    job = _Job(work)
    job.setAutoDelete(False)
    _running.add(job)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        callback(value)

    job.signals.done.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(job)
