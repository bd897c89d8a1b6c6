"""The centre where the Accueil logs its visits: an accueil account's own centre, else the
centre this workstation is in (asked once, kept in the preferences).

Read in the background when the area is built, and again when the preference changes (the
centre chosen again); a save made before the answer reads it within its own background
work (``CentreLookup``). Nothing here reads the database on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.centres import CentreService, CentreView
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background


@dataclass(frozen=True)
class CentreLookup:
    """How background work finds the workstation's centre (no Qt: it runs on a worker).

    ``key`` says whose centre it is (``#id`` for an account's own centre, else the name in
    the preferences); ``known`` is the centre already read for that key, if any."""

    key: str
    own: int | None  # an account tied to a centre: that centre
    name: str  # else the centre named in the preferences ("" when none was chosen)
    may_choose: bool  # the workstation's centre can be chosen (an account of every centre)
    known: CentreView | None
    centres: CentreService

    def find(self) -> CentreView | None:
        """The centre (read now unless known); None: none chosen, or gone."""
        if self.known is not None:
            return self.known
        if not self.may_choose:
            return self.centres.centre(self.own) if self.own is not None else None
        return self.centres.by_name(self.name) if self.name else None


class WorkstationCentre(QObject):
    def __init__(
        self, area: QWidget, services: Services, preferences: Preferences, *, status: ShowStatus
    ) -> None:
        super().__init__(area)
        self._area = area  # the parent of the question
        self._actor = services.actor
        self._centres = services.centres
        self._preferences = preferences
        self._status = status
        self._kept: tuple[str, CentreView] | None = None  # (whose: preference or #id, centre)
        self._reads = LatestOnly(self)
        self._choosing = False  # the centres are being read for the question
        self.read()

    @property
    def busy(self) -> bool:
        """The centre, or the list of centres to choose from, is being read."""
        return self._reads.busy or self._choosing

    def lookup(self) -> CentreLookup:
        """What a background save needs to find the centre (read on this thread: the
        preference; the database is read by ``CentreLookup.find`` on the worker)."""
        may_choose = self._actor.can(Permission.ALL_CENTRES)
        own = None if may_choose else self._actor.centre_id
        name = self._preferences.workstation_centre if may_choose else ""
        key = name if may_choose else f"#{own}"
        kept = self._kept
        known = kept[1] if kept is not None and kept[0] == key else None
        return CentreLookup(key, own, name, may_choose, known, self._centres)

    def read(self) -> None:
        """Read the centre in the background (when the area is built, or the preference
        changed); a save does not wait for this answer."""
        lookup = self.lookup()
        if lookup.known is None:
            self._reads.run(lookup.find, lambda centre: self.keep(lookup.key, centre), _ignore)

    def keep(self, key: str, centre: CentreView | None) -> None:
        """The centre read for ``key`` (None: not found, nothing kept)."""
        if centre is not None:
            self._kept = (key, centre)

    def current(self) -> CentreView | None:
        """The centre known now, else read now — on this thread: for scripts and tests
        only (the save finds it in the background through ``lookup()``)."""
        lookup = self.lookup()
        centre = lookup.find()
        self.keep(lookup.key, centre)
        return centre

    def choose(self, then: Callable[[CentreView | None], None] | None = None) -> None:
        """Ask which centre this workstation is in (remembered in the preferences): the
        centres are read in the background, then asked; ``then`` receives the choice."""
        if self._choosing:
            return
        self._choosing = True

        def read(centres: list[CentreView]) -> None:
            self._choosing = False
            chosen = self.ask(centres)
            if then is not None:
                then(chosen)

        def failed(error: BaseException) -> None:
            self._choosing = False
            self._status(f"Centres non lus : {failure_text(error)}", error=True)
            if then is not None:
                then(None)

        run_in_background(self._centres.centres, read, failed, self)

    def ask(self, centres: list[CentreView]) -> CentreView | None:
        """The question itself, among the centres read (None: none, or not answered)."""
        if not centres:
            return None
        names = [c.name for c in centres]
        chosen, ok = QInputDialog.getItem(
            self._area,
            "Centre de ce poste",
            "Dans quel centre se trouve ce poste ? (à choisir une seule fois ; modifiable dans "
            "Fichier > Préférences)",
            names,
            0,
            False,
        )
        centre = next((c for c in centres if c.name == chosen), None)
        if not ok or centre is None:
            return None
        self._preferences.workstation_centre = centre.name
        self._preferences.sync()
        self.keep(centre.name, centre)
        return centre


def _ignore(_error: BaseException) -> None:
    """A centre not read at start-up: the save reads it again (and says why if it fails)."""
