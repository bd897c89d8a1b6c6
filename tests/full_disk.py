"""A disk that fills up in the middle of an output, for the tests that cannot mount a small
one: the temporary file of an output (``core.atomic_output``) gets half of its first write,
then ENOSPC; every other file (SQLite's, the log's) is written as usual. Linux (``/proc``)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from acsrv_desktop.core.atomic_output import PARTIAL_SUFFIX

CAN_SIMULATE = Path("/proc/self/fd").is_dir()
needs_proc = pytest.mark.skipif(not CAN_SIMULATE, reason="needs /proc (Linux)")


def fail_half_way(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, each output's temporary file meets a full disk half-way through; returns
    the temporary files that did (empty if no output went through one)."""
    real_write = os.write
    failed: list[str] = []

    def write(descriptor: int, data: bytes | memoryview) -> int:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        if not name.endswith(PARTIAL_SUFFIX):
            return real_write(descriptor, data)
        if name not in failed:
            failed.append(name)
            return real_write(descriptor, bytes(data)[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write)
    return failed


def disk_full_message(path: Path) -> str:
    return f"Disque plein : {path} n’a pas été écrit (le fichier précédent est intact)."
