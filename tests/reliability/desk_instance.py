"""An instance of the application on a database, as its start-up opens it (``open_database``:
the instance lock held), doing one thing until it is stopped or killed.

    python desk_instance.py hold URL                  # open, say "ready", wait for stdin's end
    python desk_instance.py save URL                  # open, log visits until stdin's end
    python desk_instance.py restore URL BACKUP FOLDER # restore, slowly (4 MiB per 0.3 s)
    python desk_instance.py backup URL FOLDER         # a backup, as slowly

"saved <id> <note>" is printed once ``log_visit`` returned (the visit is committed); "copie
<remaining>" after each step of a restore or a backup, which then pauses so that the test can
kill it half-way; "error <message>" and exit 1 for a refusal.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path


def _slowly(remaining: int, _total: int) -> None:
    print(f"copie {remaining}", flush=True)
    time.sleep(0.3)


def main(command: str, url: str, *rest: str) -> int:
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.bootstrap import open_database
    from acsrv_desktop.core.errors import UserFacingError
    from acsrv_desktop.core.services import Services

    try:
        db = open_database(url, backup_folder=Path(rest[-1]) if rest else None).db
        services = Services(db, Actor.system("poste de test"))
        if command == "restore":
            services.maintenance.restore(Path(rest[0]), Path(rest[1]), _slowly)
            print("restored", flush=True)
            return 0
        if command == "backup":
            from acsrv_desktop.core.backups import make_backup

            print(f"made {make_backup(db, Path(rest[0]), progress=_slowly)}", flush=True)
            return 0
    except UserFacingError as exc:
        print(f"error {exc}", flush=True)
        return 1
    print("ready", flush=True)
    if command == "hold":
        sys.stdin.read()
        return 0
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    from acsrv_desktop.core.reception.visits import VisitInput

    centre = services.centres.centres()[0].id
    done = 0
    while not stop.is_set():
        note = f"poste-{done}"
        try:
            visit_id = services.visits.log_visit(
                VisitInput(centre, "sur-place", datetime.now(UTC), note=note)
            )
        except UserFacingError as exc:
            print(f"error {exc}", flush=True)
            return 1
        print(f"saved {visit_id} {note}", flush=True)
        done += 1
        time.sleep(0.02)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
