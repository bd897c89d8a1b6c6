"""Deciding, before Qt does (and aborts), whether a window can be opened."""

from __future__ import annotations

from acsrv_desktop.gui.application import display_problem


def test_no_display_at_all():
    assert "aucun écran" in display_problem({}, "linux")


def test_an_explicit_platform_is_trusted():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_windows_and_macos_always_have_a_screen():
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


def test_an_x_display_without_a_server():
    assert "ne répond pas" in display_problem({"DISPLAY": ":93"}, "linux")


def test_a_wayland_socket_that_exists(tmp_path):
    (tmp_path / "wayland-0").touch()
    environ = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(environ, "linux") is None
    assert "ne répond pas" in display_problem({**environ, "WAYLAND_DISPLAY": "wayland-9"}, "linux")
