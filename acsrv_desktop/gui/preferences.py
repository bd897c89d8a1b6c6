"""The workstation's preferences, through one typed wrapper around QSettings."""

from __future__ import annotations

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

    def sync(self) -> None:
        self._settings.sync()
