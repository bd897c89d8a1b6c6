"""Catalogue search per keystroke: the shipped catalogue, and one 100 times larger.

    .venv/bin/python bench/bench_search.py

Each query is typed one character at a time; every prefix is one search, as in the
Programmes area. Floor: a naive scan of the same documents for the same prefix (folded
substring test), measured in the same run. In the GUI, a keystroke only restarts the typing
delay (floor: the same key in a bare QLineEdit); the search that follows the pause (the list
updated only when its entries change, the detail only when the entry shown does) is measured
apart, beside the catalogue search alone.
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
    "zro chomeur",  # a letter dropped (issue 18)
    "aide aux devoirs",  # a thématique's synonym
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
    """A keystroke in the Programmes area, beside the same keystroke in a bare QLineEdit; and
    the search that follows the pause, beside the catalogue search alone."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from acsrv_desktop.core.services import CatalogueReader, Services
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
    area = ProgrammesArea(Services(catalogue.db, catalogue.actor or CatalogueReader.anonymous()))
    area.resize(1100, 650)
    area.show()
    while area.is_busy:  # the catalogue's snapshot, read in the background
        app.processEvents()
    edit = area.ui.searchEdit

    def settle() -> None:
        # The repaint, and the work Qt defers to the next turn of the loop (the view's
        # layout after a reset, by a zero timer): twice.
        app.processEvents()
        app.processEvents()

    def key(widget: QLineEdit, char: str) -> None:
        QTest.keyClick(widget, char)
        settle()

    floor: list[float] = []
    keystroke: list[float] = []
    search: list[float] = []
    core: list[float] = []
    for query in QUERIES * 3:
        bare.clear()
        edit.clear()  # searched at once, as Échap does
        settle()
        for char in query:
            floor += timings_ms(lambda c=char: key(bare, c), 1)
            keystroke += timings_ms(lambda c=char: key(edit, c), 1)
            # The search the pause sets off (run now, as the timer would 120 ms later), so
            # that the next keystroke finds the results of this prefix shown.
            assert area.search_pending()
            search += timings_ms(lambda: (area.run_search(), settle()), 1)
            core += timings_ms(lambda: catalogue.search(edit.text()), 1)
            settle()  # nothing left over for the next key to pay for
    return [
        row("GUI: keystroke in a bare QLineEdit (floor)", floor),
        row("GUI: keystroke in the Programmes area (search delayed)", keystroke, floor),
        row("GUI: catalogue search of the prefix alone (floor)", core),
        row("GUI: the delayed search (search + list + detail)", search, core),
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
    print("QLineEdit (GUI keystroke), the catalogue search alone (GUI search); every search")
    print("but the GUI's runs with an empty per-word cache (worst case). Keys through QTest.")


if __name__ == "__main__":
    main()
