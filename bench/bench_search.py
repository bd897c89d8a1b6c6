"""Catalogue search per keystroke: the shipped catalogue, and one 100 times larger.

    .venv/bin/python bench/bench_search.py

Each query is typed one character at a time; every prefix is one search, as in the
Programmes area. Floor: a naive scan of the same documents for the same prefix (folded
substring test), measured in the same run. The GUI line adds the Qt model update.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import header, row, timings_ms  # noqa: E402

from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.catalogue.search import CatalogueIndex, SearchDocument  # noqa: E402
from acsrv_desktop.core.catalogue.service import CatalogueService, search_document  # noqa: E402
from acsrv_desktop.core.text import fold  # noqa: E402

QUERIES = [
    "reussir autrement",
    "zero chomeur",
    "citeslab",
    "garde enfant",
    "reusir autremant",
    "emploi jeunes",
    "peggy",
    "forum citoyen",
]
COMMUNES = [
    "Valenciennes",
    "Denain",
    "Anzin",
    "Condé-sur-l'Escaut",
    "Saint-Amand-les-Eaux",
    "Raismes",
    "Onnaing",
    "Marly",
    "Vieux-Condé",
    "Bruay-sur-l'Escaut",
    "Douchy-les-Mines",
    "Trith-Saint-Léger",
    "Fresnes-sur-Escaut",
    "Escaudain",
    "Quiévrechain",
]


def keystrokes(queries: list[str]) -> list[str]:
    return [q[: i + 1] for q in queries for i in range(len(q))]


def larger(documents: list[SearchDocument], factor: int) -> list[SearchDocument]:
    """The catalogue ``factor`` times: variants in other communes, sentences reordered."""
    rng = random.Random(1)
    result = []
    for copy in range(factor):
        for doc in documents:
            fields = dict(doc.fields)
            sentences = fields["description"].split(". ")
            rng.shuffle(sentences)
            fields["description"] = ". ".join(sentences) + f" Permanence n° {copy}."
            fields["name"] = f"{doc.fields['name']} — {rng.choice(COMMUNES)} {copy}"
            result.append(
                SearchDocument(
                    f"{doc.id}-{copy}", fields, doc.themes, doc.publics, doc.sectors, len(result)
                )
            )
    return result


def naive_scan(documents: list[tuple[str, str]], prefix: str) -> list[str]:
    needle = fold(prefix)
    return [doc_id for doc_id, text in documents if needle in text]


def measure(title: str, documents: list[SearchDocument]) -> list[str]:
    texts = [(d.id, fold(" ".join(d.fields.values()))) for d in documents]
    typed = keystrokes(QUERIES)
    floor = [t for prefix in typed for t in timings_ms(lambda p=prefix: naive_scan(texts, p), 3)]
    index = CatalogueIndex.build(documents)
    # A fresh index per keystroke sequence would flatter nothing: the GUI keeps one index,
    # and its per-word cache is cleared here so that every prefix is computed.
    ours = []
    for prefix in typed:
        ours += timings_ms(
            lambda p=prefix: (index._word_matches.cache_clear(), index.search(p)),  # type: ignore[attr-defined]
            3,
        )
    return [
        row(f"{title}: naive substring scan (floor)", floor),
        row(f"{title}: forgiving search per keystroke", ours, floor),
    ], floor


def gui_lines(catalogue: CatalogueService) -> list[str]:
    """A keystroke in the Programmes area, beside the same keystroke in a bare QLineEdit."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QLineEdit

    from acsrv_desktop.gui.programmes.area import ProgrammesArea

    # The offscreen platform warns at every resize; the warning is not a result.
    qInstallMessageHandler(
        lambda _kind, _context, message: (
            None if "propagateSizeHints" in message else print(message, file=sys.stderr)
        )
    )
    app = QApplication.instance() or QApplication([])
    bare = QLineEdit()
    bare.show()
    area = ProgrammesArea(catalogue)
    area.resize(1100, 650)
    area.show()

    def typing(edit: QLineEdit) -> list[float]:
        samples: list[float] = []
        for prefix in keystrokes(QUERIES) * 3:
            samples += timings_ms(lambda p=prefix: (edit.setText(p), app.processEvents()), 1)
        return samples

    floor = typing(bare)
    return [
        row("GUI: keystroke in a bare QLineEdit (floor)", floor),
        row(
            "GUI: keystroke in the Programmes area (search + view + detail)",
            typing(area.ui.searchEdit),
            floor,
        ),
    ]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="acsrv-bench-"))
    opened = open_database(f"sqlite:///{folder / 'bench.sqlite3'}", backup_folder=folder)
    catalogue = CatalogueService(opened.db)
    catalogue.refresh()
    documents = [search_document(e, catalogue.vocab, ()) for e in catalogue.entries()]
    print(header("Catalogue search per keystroke (bench/bench_search.py)"))
    shipped_rows, _ = measure("shipped", documents)
    big_rows, _ = measure("100×", larger(documents, 100))
    for line in shipped_rows + big_rows:
        print(line)
    for line in gui_lines(catalogue):
        print(line)
    opened.db.dispose()
    print("\nfloor: the same prefixes through a naive folded-substring scan (search), a bare")
    print("QLineEdit (GUI); every search runs with an empty per-word cache (worst case).")


if __name__ == "__main__":
    main()
