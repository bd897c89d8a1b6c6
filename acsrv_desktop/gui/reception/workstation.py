"""The centre where the Accueil logs its visits: an accueil account's own centre, else the
centre this workstation is in (asked once, kept in the preferences).

Read once, then kept until it changes (the preference chosen again, another account): a save
reads no centre.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.preferences import Preferences


class WorkstationCentre(QObject):
    def __init__(self, area: QWidget, services: Services, preferences: Preferences) -> None:
        super().__init__(area)
        self._area = area  # the parent of the question
        self._actor = services.actor
        self._centres = services.centres
        self._preferences = preferences
        self._kept: tuple[str, CentreView] | None = None  # (whose: preference or #id, centre)

    def current(self) -> CentreView | None:
        """Where visits are logged now (None: no centre, or none chosen)."""
        if not self._actor.can(Permission.ALL_CENTRES):
            own = self._actor.centre_id
            key = f"#{own}"
            if self._kept is None or self._kept[0] != key:
                centre = self._centres.centre(own) if own is not None else None
                self._kept = (key, centre) if centre is not None else None
                return centre
            return self._kept[1]
        name = self._preferences.workstation_centre
        if self._kept is not None and self._kept[0] == name:
            return self._kept[1]
        centre = self._centres.by_name(name) if name else None
        if centre is None:
            return self.choose()
        self._kept = (name, centre)
        return centre

    def choose(self) -> CentreView | None:
        """Ask which centre this workstation is in (remembered in the preferences)."""
        centres = self._centres.centres()
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
        if not ok:
            return None
        self._preferences.workstation_centre = chosen
        self._preferences.sync()
        return self._centres.by_name(chosen)
