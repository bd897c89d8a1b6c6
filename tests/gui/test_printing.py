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


@pytest.mark.parametrize("padding", range(0, 48, 4))
def test_a_phone_number_stays_on_one_line_of_the_pdf(qapp, tmp_path, padding):
    """Wherever the line would break, the number is never cut (pdftotext reads the PDF)."""
    import re
    import shutil
    import subprocess
    from datetime import UTC, datetime

    from acsrv_desktop.core.reception.slip import Slip, SlipLine

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) absent")
    role = "Conseillère en insertion professionnelle " + "x" * padding
    slip = Slip(
        visit_id=1,
        date=datetime(2026, 12, 2, 9, 30, tzinfo=UTC),
        centre="Centre social",
        visitor_first_name=None,
        consent=False,
        federation="Association des Centres Sociaux de la Région de Valenciennes",
        address="34 avenue de Condé, 59300 Valenciennes" + " y" * (padding // 2),
        federation_phone="03.27.28.91.98",
        lines=(
            SlipLine(
                "Cités Lab", "Créer son activité.", None, "Bruno KUTZA", role, "0762548150", None
            ),
        ),
    )
    path = save_pdf(slip.html(), tmp_path / "fiche.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\xa0", " ")
    for number in ("07 62 54 81 50", "03 27 28 91 98"):
        assert re.search(r"\b" + number.replace(" ", r" +") + r"\b", text), (number, text)
