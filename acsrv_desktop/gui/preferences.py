"""The workstation's preferences, through one typed wrapper around QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class Preferences:
    """Preferences of this workstation (not shared with others: those live in the database)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        # QSettings() uses the organisation and application names set once on the application.
        self._settings = settings if settings is not None else QSettings()

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    @property
    def current_area(self) -> int:
        value = self._settings.value("window/area", 0)  # a string in an INI file
        try:
            return int(value) if isinstance(value, int | float | str) else 0
        except ValueError:
            return 0

    @current_area.setter
    def current_area(self, index: int) -> None:
        self._settings.setValue("window/area", index)

    @property
    def workstation_centre(self) -> str:
        return str(self._settings.value("workstation/centre", "") or "")

    @workstation_centre.setter
    def workstation_centre(self, name: str) -> None:
        self._settings.setValue("workstation/centre", name)

    @property
    def text_zoom(self) -> int:
        """The text size of the whole window, in percent of the system's (Ctrl++ / Ctrl+-)."""
        value = self._settings.value("window/text_zoom", 100)
        try:
            return int(value) if isinstance(value, int | float | str) else 100
        except ValueError:
            return 100

    @text_zoom.setter
    def text_zoom(self, percent: int) -> None:
        self._settings.setValue("window/text_zoom", percent)

    @property
    def discreet_mode(self) -> bool:
        """The Accueil shows the visitor at the desk nothing of the others (initials in the
        day's list, the name of a save for a few seconds, the form masked after 30 s without
        input). On by default; a back-office desk turns it off (``reception/discreet_mode``)."""
        value = self._settings.value("reception/discreet_mode", True)
        if isinstance(value, str):  # an INI file gives text
            return value.strip().lower() not in ("false", "0", "non", "no", "off")
        return bool(value)

    @discreet_mode.setter
    def discreet_mode(self, discreet: bool) -> None:
        self._settings.setValue("reception/discreet_mode", discreet)

    @property
    def ask_referral_details(self) -> bool:
        """Whether the desk asks, at each suggestion accepted, what the person agrees to give
        the programme's contact (issue 17). On by default; Affichage › « Coordonnées pour le
        contact à chaque orientation » turns it off on a desk that asks them otherwise
        (Ctrl+Maj+O still opens the dialog) (``reception/ask_referral_details``)."""
        value = self._settings.value("reception/ask_referral_details", True)
        if isinstance(value, str):
            return value.lower() not in ("false", "0", "no")
        return bool(value)

    @ask_referral_details.setter
    def ask_referral_details(self, ask: bool) -> None:
        self._settings.setValue("reception/ask_referral_details", ask)

    @property
    def server_ca_file(self) -> Path | None:
        """The federation server's CA certificate, as IT installed it on this workstation
        (``server/ca_file``), for a server URL that names none (``sslrootcert``)."""
        value = self._settings.value("server/ca_file", "")
        return Path(str(value)).expanduser() if value else None

    @server_ca_file.setter
    def server_ca_file(self, path: Path | None) -> None:
        self._settings.setValue("server/ca_file", str(path) if path else "")

    def sync(self) -> None:
        self._settings.sync()
