"""Colours from the palette: every message kind reaches WCAG AA in light and dark themes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from acsrv_desktop.gui.theme import (
    AA_CONTRAST,
    Kind,
    contrast_ratio,
    dark_palette,
    install_readable_placeholders,
    kind_colour,
    label_text_colour,
    readable,
    set_kind,
)


def test_the_ratio_is_wcag_s():
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    # The old hard-coded red on a dark window: what the issue measured.
    assert contrast_ratio(QColor("#a40000"), QColor("#2b2b2b")) == pytest.approx(1.74, abs=0.01)
    # A translucent colour is judged as drawn: blended into its background.
    assert contrast_ratio(QColor(0, 0, 0, 128), QColor("white")) == pytest.approx(4.0, abs=0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#efefef", "#2b2b2b", "#000000", "#808080"])
def test_readable_reaches_aa_on_any_background(background):
    for hue in ("#c00000", "#1f7a3b", "#ffb000", "#a40000"):
        assert (
            contrast_ratio(readable(QColor(hue), QColor(background)), QColor(background))
            >= AA_CONTRAST
        )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_kind_reads_at_aa_in_both_themes(qapp, theme):
    palette = QApplication.palette() if theme == "light" else dark_palette()
    window = palette.color(QPalette.ColorRole.Window)
    for kind in Kind:
        assert contrast_ratio(kind_colour(kind, palette), window) >= AA_CONTRAST, kind


def test_a_label_follows_a_change_of_theme(qtbot):
    label = QLabel("Passage enregistré")
    qtbot.addWidget(label)
    set_kind(label, Kind.SUCCESS)
    light = QColor(label_text_colour(label))
    assert label.font().bold()
    before = QApplication.palette()
    try:
        QApplication.setPalette(dark_palette())
        qtbot.waitUntil(lambda: label_text_colour(label) != light)
        window = dark_palette().color(QPalette.ColorRole.Window)
        assert contrast_ratio(label_text_colour(label), window) >= AA_CONTRAST
    finally:
        QApplication.setPalette(before)


def test_placeholders_are_brought_to_aa(qapp):
    before = QApplication.palette()
    try:
        QApplication.setPalette(dark_palette())
        install_readable_placeholders(qapp)
        palette = QApplication.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            ratio = contrast_ratio(
                palette.color(group, QPalette.ColorRole.PlaceholderText),
                palette.color(group, QPalette.ColorRole.Base),
            )
            assert ratio >= AA_CONTRAST
    finally:
        QApplication.setPalette(before)


def test_plain_text_again_follows_the_palette(qtbot):
    from acsrv_desktop.gui.theme import kind_of

    label = QLabel("Chargement…")
    qtbot.addWidget(label)
    plain = QColor(label_text_colour(label))
    set_kind(label, Kind.ERROR)
    assert kind_of(label) is Kind.ERROR and label_text_colour(label) != plain
    set_kind(label, None)
    assert kind_of(label) is None
    assert label_text_colour(label) == plain and not label.font().bold()
    before = QApplication.palette()
    try:
        QApplication.setPalette(dark_palette())  # nothing of the error kind left behind
        qtbot.waitUntil(
            lambda: label_text_colour(label) == dark_palette().color(QPalette.ColorRole.WindowText)
        )
    finally:
        QApplication.setPalette(before)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_secondary_rows_read_at_aa_on_both_row_colours(qapp, theme):
    from acsrv_desktop.gui.theme import secondary_item_colour

    palette = QApplication.palette() if theme == "light" else dark_palette()
    colour = secondary_item_colour(palette)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        assert contrast_ratio(colour, palette.color(role)) >= AA_CONTRAST
    assert colour != palette.color(QPalette.ColorRole.Text)  # softened all the same


def test_a_dialog_s_default_width_follows_the_text_and_keeps_its_layout_minimum(qtbot):
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    from acsrv_desktop.gui.theme import grow_to_fit, set_default_width

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())
    message = QLabel("Les deux mots de passe ne sont pas identiques. " * 4)
    message.setWordWrap(True)
    message.hide()
    layout.addWidget(message)
    set_default_width(dialog, 60)
    assert dialog.width() == dialog.fontMetrics().averageCharWidth() * 60
    assert dialog.minimumWidth() == 0  # no minimum by hand: the layout's own holds
    dialog.show()
    qtbot.waitExposed(dialog)
    height = dialog.height()
    message.show()
    grow_to_fit(dialog)
    assert dialog.height() > height
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
