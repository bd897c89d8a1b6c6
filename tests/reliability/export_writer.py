"""A process exporting the attendance to a workbook, stopped half-way through writing it.

``python export_writer.py URL TARGET``: the export's first write puts half of the workbook
into its file, says « en cours d’écriture » and waits there to be killed (SIGKILL), as a
process would be by a power button or the task manager in the middle of an export.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import Period
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.services import Services


def main(url: str, target: Path) -> None:
    real_write = os.write

    def write_half_then_wait(descriptor: int, data: bytes | memoryview) -> int:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        if not name.endswith(atomic_output.PARTIAL_SUFFIX):
            return real_write(descriptor, data)
        real_write(descriptor, bytes(data)[: len(data) // 2])
        print("en cours d’écriture", flush=True)
        while True:
            time.sleep(1)

    opened = open_database(url, backup_folder=target.parent / "sauvegardes")
    os.write = write_half_then_wait  # from now on: the database is open
    Services(opened.db, Actor.system("tests")).attendance.export(
        "xlsx", target, period=Period.month(2026, 10), detail=True
    )
    print("export terminé", flush=True)  # not reached with the change under test


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
