"""A workstation logging visits through the app's own service, as fast as it can.

    python visit_writer.py DATABASE_URL COUNT SEED [--wait]

Prints "saved <id> <note>" once ``log_visit`` has returned (the visit is then committed): whatever
happens to this process afterwards, that visit must be in the database. COUNT 0 means forever.
An error is printed as "error <message>" and the process exits with 1. With --wait, it says
"ready" then waits for a line on its standard input before writing (several writers start
together).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta


def main(url: str, count: int, seed: int, wait: bool = False) -> int:
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.errors import UserFacingError
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    db = Database(url)
    actor = Actor.system(f"poste {seed}")
    visits = VisitService(db, actor)
    centres = [c.id for c in CentreService(db).centres()]
    rng = random.Random(seed)
    print("ready", flush=True)
    if wait:
        sys.stdin.readline()
    print(f"started {time.time()}", flush=True)
    done = 0
    while count == 0 or done < count:
        person = None
        if rng.random() < 0.7:
            person = VisitorInput(
                f"Prénom{seed}-{done}", "Dupont-Lefèvre", 1950 + rng.randrange(60), commune="Anzin"
            )
        note = f"note-{seed}-{done}"  # unique: a lost visit's id may be given to a later one
        data = VisitInput(
            centres[rng.randrange(len(centres))],
            "sur-place",
            datetime.now(UTC) - timedelta(seconds=rng.randrange(3600)),
            ("numerique",),
            note,
            visitor=person,
        )
        try:
            visit_id = visits.log_visit(data)
        except UserFacingError as exc:
            print(f"error {exc}", flush=True)
            return 1
        print(f"saved {visit_id} {note}", flush=True)
        done += 1
    print(f"finished {time.time()}", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), "--wait" in sys.argv[4:]))
