"""The "Programmes" area: one search box, filters, results, and the detail with its contact.

The search runs here, on the GUI thread, in the catalogue's snapshot the area keeps
(``CatalogueSnapshot``: the entries and their index; a keystroke runs no query). The
snapshot, and the federation the detail names, are read in the background when the area is
built and after the catalogue was edited on this workstation (``refresh``); whether another
workstation changed the catalogue is asked in the background too, at most every
``REVISION_CHECK_SECONDS`` as one searches, and its answer redraws the results.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

import acsrv_desktop.core.catalogue.service as catalogue_service
from acsrv_desktop.core.catalogue.service import (
    CatalogueSnapshot,
    ContactView,
    EntryView,
    FederationView,
)
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.text import tel_uri
from acsrv_desktop.gui.announce import announce_messages
from acsrv_desktop.gui.forms.ui_programmes_area import Ui_ProgrammesArea
from acsrv_desktop.gui.programmes.detail import entry_html
from acsrv_desktop.gui.programmes.results_model import (
    RESULT_ROLE,
    ResultsProxyModel,
    SearchResultsModel,
)
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120  # as the Accueil's lookup: one search once the fingers pause


class ProgrammesArea(QWidget):
    """Searches as one types: once typing pauses, or at once on Entrée and ↓."""

    status_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProgrammesArea()
        self.ui.setupUi(self)
        self._catalogue = services.catalogue  # Programmes only reads the catalogue
        self._federation: FederationView | None = None  # read with the catalogue
        self._snapshot: CatalogueSnapshot | None = None  # the catalogue, as read last
        self._reads = LatestOnly(self)  # the catalogue's snapshot
        self._asked_at = 0.0  # time.monotonic() of the last reading asked
        self._following = False  # a link to an entry not in the snapshot is being read
        self._current: EntryView | None = None
        # Whether staff picked the entry shown (in the list or by a link): it then stays shown
        # while it is among the results; otherwise the detail follows the first result.
        self._chosen = False
        self._selecting = False  # the selection is being set by the search, not by staff
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._model = SearchResultsModel(self)
        self._proxy = ResultsProxyModel(self)
        self._proxy.setSourceModel(self._model)
        view = self.ui.resultsView
        view.setModel(self._proxy)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # relevance order
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 150)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setAccessibleName("Programmes trouvés")
        self.ui.detailBrowser.setAccessibleName("Fiche du programme")
        announce_messages(self, self.status_message)
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 1)
        self._connect()
        self.ui.searchEdit.installEventFilter(self)
        self.ui.countLabel.setText("Chargement du catalogue…")
        self.read_catalogue()

    # -- set-up -------------------------------------------------------------------------------

    def _fill_filters(self, snapshot: CatalogueSnapshot) -> None:
        """Filter lists from the vocabularies, keeping what the catalogue uses."""
        vocab = snapshot.vocab
        entries = snapshot.active_entries()
        used_themes = {t for e in entries for t in e.thematiques}
        used_publics = {p for e in entries for p in e.publics}
        used_categories = {t.split("--")[0] for t in used_themes}
        combos = (self.ui.themeFilter, self.ui.publicFilter, self.ui.sectorFilter)
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        combo = self.ui.themeFilter
        combo.addItem("Toutes les thématiques", None)
        for slug, label in vocab.thematiques.items():
            if slug in used_categories:
                combo.addItem(label, slug)
            elif slug in used_themes:
                combo.addItem(f"    {label}", slug)
        self._fill(
            self.ui.publicFilter,
            "Tous les publics",
            {slug: label for slug, label in vocab.publics.items() if slug in used_publics},
        )
        self._fill(self.ui.sectorFilter, "Tous les secteurs", vocab.sectors)
        for combo, value in zip(combos, chosen, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: dict[str, str]) -> None:
        combo.addItem(everything, None)
        for slug, label in items.items():
            combo.addItem(label, slug)

    def _connect(self) -> None:
        ui = self.ui
        # Typing waits for a pause; text set by code (or cleared) is answered at once. Qt
        # emits textEdited before textChanged, so the timer is already running for a keystroke.
        ui.searchEdit.textEdited.connect(lambda _text: self._search_timer.start())
        ui.searchEdit.textChanged.connect(self._on_text_changed)
        for combo in (ui.themeFilter, ui.publicFilter, ui.sectorFilter):
            combo.currentIndexChanged.connect(lambda _index: self.run_search())
        ui.resultsView.selectionModel().selectionChanged.connect(self._on_selection)
        ui.detailBrowser.anchorClicked.connect(self._on_link)
        ui.copyPhoneButton.clicked.connect(lambda: self._copy("phone"))
        ui.copyEmailButton.clicked.connect(lambda: self._copy("email"))
        ui.callButton.clicked.connect(self._call)
        ui.mailButton.clicked.connect(self._write)

    # -- the catalogue ------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        """The catalogue, or an entry a link points to, is on its way from the database."""
        return self._reads.busy or self._following

    def read_catalogue(self, *, again: bool = False) -> None:
        """The catalogue's snapshot read in the background (``again``: read anew, it was
        edited here); a new one brings the federation too, the filters and the results."""
        self._asked_at = time.monotonic()
        catalogue, known, federation = self._catalogue, self._snapshot, self._federation

        def read() -> tuple[CatalogueSnapshot, FederationView | None]:
            if again:
                catalogue.refresh()
            snapshot = catalogue.snapshot()
            if snapshot is known and not again:
                return snapshot, federation  # unchanged: nothing more to read
            return snapshot, catalogue.federation()

        def failed(error: BaseException) -> None:
            self._asked_at = 0.0  # asked again at the next search
            message = f"Catalogue non lu : {failure_text(error)}"
            if self._snapshot is None:
                self.ui.countLabel.setText(message)
            self.status_message.emit(message)

        def done(answer: tuple[CatalogueSnapshot, FederationView | None]) -> None:
            self._catalogue_read(*answer, again=again)

        self._reads.run(read, done, failed)

    def _catalogue_read(
        self, snapshot: CatalogueSnapshot, federation: FederationView | None, *, again: bool
    ) -> None:
        if snapshot is self._snapshot and not again:
            return  # unchanged: the results shown stay
        self._snapshot, self._federation = snapshot, federation
        self._fill_filters(snapshot)
        self.run_search(force=True)

    def _check_catalogue(self) -> None:
        """Whether another workstation changed the catalogue, asked in the background now
        and then (its answer redraws the results)."""
        due = catalogue_service.REVISION_CHECK_SECONDS
        if not self._reads.busy and time.monotonic() - self._asked_at > due:
            self.read_catalogue()

    # -- searching ----------------------------------------------------------------------------

    def _on_text_changed(self, _text: str) -> None:
        if not self._search_timer.isActive():
            self.run_search()

    def search_pending(self) -> bool:
        return self._search_timer.isActive()

    def run_search(self, *, force: bool = False) -> None:
        """Search now (a pending delayed search is dropped: this one reads the same text);
        ``force`` shows the results even when they are those already shown."""
        self._search_timer.stop()
        self._check_catalogue()
        snapshot = self._snapshot
        if snapshot is None:
            return  # the results come with the catalogue (see _catalogue_read)
        ui = self.ui
        results = snapshot.search(
            ui.searchEdit.text(),
            theme=ui.themeFilter.currentData(),
            public=ui.publicFilter.currentData(),
            sector=ui.sectorFilter.currentData(),
        )
        if not self._model.set_results(results, force=force):
            return  # the same entries in the same order: view, selection and detail stay
        count = len(results)
        ui.countLabel.setText(
            "Aucun résultat" if count == 0 else f"{count} résultat{'s' if count > 1 else ''}"
        )
        if count:
            self._select(self._row_to_select())
        else:
            self._chosen = False
            self._show(None)

    def _row_to_select(self) -> int:
        """The entry shown, if staff picked it or it is still first; otherwise the first
        (in the view's order: by relevance, or by the column staff sorted on)."""
        source_row = None if self._current is None else self._model.row_of(self._current.id)
        if source_row is None:
            self._chosen = False
            return 0
        row = self._proxy.mapFromSource(self._model.index(source_row, 0)).row()
        if not (self._chosen or row == 0):
            return 0
        return row

    def _select(self, row: int) -> None:
        view = self.ui.resultsView
        self._selecting = True
        try:
            view.selectRow(row)
        finally:
            self._selecting = False
        view.scrollTo(self._proxy.index(row, 0))

    def refresh(self) -> None:
        """Re-read the catalogue (after an edit), in the background, and search again."""
        self.read_catalogue(again=True)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # From the search box, Down goes to the results and Escape clears the search.
        if watched is self.ui.searchEdit and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QKeyEvent.Type.KeyPress else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self.run_search()  # the results of what is typed, not of a moment ago
                if key == Qt.Key.Key_Down:
                    self.ui.resultsView.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
            if key == Qt.Key.Key_Escape:
                self._chosen = False  # starting over: the detail follows the first result
                self._search_timer.stop()
                if self.ui.searchEdit.text():
                    self.ui.searchEdit.clear()  # searched at once: text changed by code
                else:
                    self.run_search()  # what was typed is already gone: its search is not
                return True
        return super().eventFilter(watched, event)

    # -- detail -------------------------------------------------------------------------------

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        result = self._proxy.data(indexes[0], RESULT_ROLE)
        if not self._selecting:
            self._chosen = True
        if result is None or result.entry is not self._current:
            self._show(result.entry if result else None)

    def current_entry(self) -> EntryView | None:
        return self._current

    def _show(self, entry: EntryView | None) -> None:
        self._current = entry
        ui = self.ui
        if entry is None:
            ui.detailBrowser.setHtml(
                "<p>Aucun programme ne correspond. Essayez moins de mots, ou retirez un filtre.</p>"
            )
        else:
            ui.detailBrowser.setHtml(entry_html(entry, self._catalogue.vocab, self._federation))
        contact = self._contact()
        ui.copyPhoneButton.setEnabled(bool(contact and contact.phone))
        ui.callButton.setEnabled(bool(contact and contact.phone))
        ui.copyEmailButton.setEnabled(bool(contact and contact.email))
        ui.mailButton.setEnabled(bool(contact and contact.email))

    def _contact(self) -> ContactView | None:
        if self._current is None or not self._current.contacts:
            return None
        return self._current.contacts[0]

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "entry":
            self._follow(url.path())
            return
        QDesktopServices.openUrl(url)

    def _follow(self, entry_id: str) -> None:
        """A link to an entry: from the snapshot (active entries), else read in the
        background (an inactive parent)."""
        snapshot = self._snapshot
        entry = snapshot.entries.get(entry_id) if snapshot is not None else None
        if entry is not None:
            self._chosen = True
            self._show(entry)
            return
        if self._following:
            return
        self._following = True
        catalogue = self._catalogue

        def done(found: EntryView | None) -> None:
            self._following = False
            if found is not None:
                self._chosen = True
                self._show(found)

        def failed(error: BaseException) -> None:
            self._following = False
            self.status_message.emit(f"Fiche illisible : {failure_text(error)}")

        run_in_background(lambda: catalogue.entry(entry_id), done, failed, self)

    def _copy(self, what: str) -> None:
        contact = self._contact()
        value = getattr(contact, what) if contact else None
        if value:
            QGuiApplication.clipboard().setText(value)
            label = "Numéro" if what == "phone" else "Courriel"
            self.status_message.emit(f"{label} copié : {value}")

    def _call(self) -> None:
        contact = self._contact()
        if contact and contact.phone:
            QDesktopServices.openUrl(QUrl(tel_uri(contact.phone)))

    def _write(self) -> None:
        contact = self._contact()
        if contact and contact.email:
            QDesktopServices.openUrl(QUrl(f"mailto:{contact.email}"))
