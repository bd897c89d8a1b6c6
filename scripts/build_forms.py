"""Regenerate acsrv_desktop/gui/forms/ui_*.py from ui/*.ui (run after editing a form)."""

from acsrv_desktop.gui.forms_build import build_all

if __name__ == "__main__":
    for path in build_all():
        print(path)
