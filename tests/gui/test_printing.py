"""The referral slip always fits one page, in width as in height."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from acsrv_desktop.gui.printing import one_page_layout, save_pdf

A5_POINTS = (420 - 2 * 34, 595 - 2 * 34)  # A5 less 12 mm margins


@pytest.mark.parametrize("paragraphs", [1, 8, 40, 200])
def test_the_drawn_text_never_leaves_the_page(qapp, paragraphs):
    document = QTextDocument()
    document.setHtml(
        "".join(
            f"<h2>Programme {i}</h2><p>{'Un texte assez long. ' * 30}</p>"
            for i in range(paragraphs)
        )
    )
    width, height = A5_POINTS
    scale = one_page_layout(document, width, height)
    assert document.textWidth() * scale <= width + 0.5
    assert document.size().height() * scale <= height + 0.5


def test_a_long_slip_is_one_pdf_page(qapp, tmp_path):
    path = save_pdf("".join(f"<p>{'Texte ' * 400}</p>" for _ in range(10)), tmp_path / "f.pdf")
    assert (
        path.read_bytes().count(b"/Type /Page\n") + path.read_bytes().count(b"/Type/Page\n") <= 1
        or b"/Count 1" in path.read_bytes()
    )
