"""The Python modules generated from ui/*.ui are those pyside6-uic makes today."""

from __future__ import annotations

import pytest

from acsrv_desktop.gui import forms_build

UI_FILES = forms_build.ui_files()


def test_there_are_forms():
    assert UI_FILES, "no Designer form found in ui/"


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_generated_form_is_current(ui_file):
    committed = forms_build.module_path(ui_file)
    assert committed.exists(), f"run: python scripts/build_forms.py ({committed} missing)"
    assert forms_build.comparable(committed.read_text(encoding="utf-8")) == forms_build.comparable(
        forms_build.generated_source(ui_file)
    ), f"{committed.name} is stale: run python scripts/build_forms.py"
