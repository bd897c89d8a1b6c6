"""Editing dialogs for catalogue entries and contacts.

The dialog opens at once and reads what it shows in the background (« Chargement… », the
form disabled meanwhile); a save is written in the background too, the form read-only with
« Enregistrement… » until the database answers. A refused save (validation, or a database
that did not answer) keeps the dialog open with everything typed, shows the reason in French
under the form and puts the cursor in the field concerned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QWidget,
)

from acsrv_desktop.core.catalogue.records import CatalogueValidationError
from acsrv_desktop.core.catalogue.service import CatalogueService, ContactView, EntryView
from acsrv_desktop.core.catalogue.vocabularies import KINDS
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.forms.ui_contact_dialog import Ui_ContactDialog
from acsrv_desktop.gui.forms.ui_entry_dialog import Ui_EntryDialog
from acsrv_desktop.gui.forms.ui_theme_synonyms_dialog import Ui_ThemeSynonymsDialog
from acsrv_desktop.gui.tasks import failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind
from acsrv_desktop.gui.widgets import checked_values, fill_checklist, filter_list, show_refusal

FIELD_LABELS = {
    "name": "Nom",
    "kind": "Type",
    "parent": "Rattaché à",
    "summary": "Résumé",
    "description": "Présentation",
    "practical": "En pratique",
    "opening_hours": "Horaires d’accueil",
    "address": "Adresse du lieu",
    "documents": "Pièces à apporter",
    "funding": "Financement",
    "keywords": "Mots-clés",
    "synonyms": "Synonymes",
    "thematiques": "Thématiques",
    "publics": "Publics",
    "contacts": "Contacts",
    "age_min": "Âge minimum",
    "age_max": "Âge maximum",
    "genders": "Réservé à",
    "requires_all": "Situations requises",
    "requires_any": "Au moins une de",
    "preferred": "Convient particulièrement",
    "sectors": "Secteurs",
    "note": "Public visé",
    "role": "Fonction",
    "phone": "Téléphone",
    "email": "Courriel",
    "residence": "Résidence",
}


def _field_of(where: str) -> str:
    """ "cites-lab.eligibility.age_min" -> "age_min"; "x.thematiques[2]" -> "thematiques"."""
    return where.split(".")[-1].split("[")[0]


def _text_or_none(text: str) -> str | None:
    return text.strip() or None


def _refusal(exc: CatalogueValidationError) -> tuple[str, str]:
    """The French sentence for a refused save, and the name of the field concerned."""
    field_name = _field_of(exc.where)
    return f"{FIELD_LABELS.get(field_name, field_name)} : {exc.reason}", field_name


def _say(label: QLabel, text: str) -> None:
    """A neutral word under the form (« Chargement… », « Enregistrement… »), announced."""
    set_kind(label, None)
    show_message(label, text)


def _say_unreadable(label: QLabel, what: str, error: BaseException) -> None:
    """What the dialog should show could not be read: said as a refusal is."""
    show_message(label, f"{what} illisible — {failure_text(error)}", Kind.ERROR)


class _BackgroundDialog(QDialog):
    """A dialog whose reading and saving run in the background. While its save is on its
    way it cannot be closed (the save would land unseen)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._loading = True
        self._saving = False
        self._focus_before_save: QWidget | None = None

    @property
    def is_busy(self) -> bool:
        """What the dialog shows, or its save, is on its way from the database."""
        return self._loading or self._saving

    def _set_form_enabled(self, enabled: bool) -> None:
        raise NotImplementedError

    def _save_button(self) -> QWidget:
        raise NotImplementedError

    def _set_saving(self, saving: bool) -> None:
        """Read-only while the save is on its way; the focus back where it was after."""
        if saving:
            self._focus_before_save = QApplication.focusWidget()
        self._saving = saving
        self._set_form_enabled(not saving)
        self._save_button().setEnabled(not saving)
        focus = self._focus_before_save
        if not saving and focus is not None and self.isAncestorOf(focus):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._saving:
            event.ignore()
            return
        super().closeEvent(event)


class EntryDialog(_BackgroundDialog):
    def __init__(
        self, catalogue: CatalogueService, entry_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_EntryDialog()
        self.ui.setupUi(self)
        self._catalogue = catalogue
        self.entry_id = entry_id
        self.setWindowTitle("Modifier la fiche" if entry_id else "Nouvelle fiche du catalogue")
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Enregistrer")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.ui.buttonBox.accepted.connect(self._save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.tabs.setAccessibleName("Parties de la fiche")
        self.ui.themesList.setAccessibleName("Thématiques")
        self.ui.contactsList.setAccessibleName("Contacts de la fiche")
        self.ui.themeFilterEdit.textChanged.connect(
            lambda text: filter_list(self.ui.themesList, text)
        )
        # 860 × 700 where it fits; within the screen of a small laptop (1280 × 680 usable).
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width()), min(700, screen.height() - 40))
        self._set_form_enabled(False)
        save.setEnabled(False)
        _say(self.ui.errorLabel, "Chargement…")

        def read() -> tuple[dict[str, Any] | None, list[EntryView], list[ContactView]]:
            record = catalogue.raw_entry(entry_id) if entry_id else None
            return (
                record,
                catalogue.entries(include_inactive=True),
                catalogue.contacts(include_inactive=True),
            )

        run_in_background(read, lambda answer: self._loaded(*answer), self._load_failed, self)

    def _set_form_enabled(self, enabled: bool) -> None:
        self.ui.tabs.setEnabled(enabled)

    def _save_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False  # the form stays disabled: nothing to edit, Annuler closes
        _say_unreadable(self.ui.errorLabel, "Fiche", error)

    def _loaded(
        self,
        record: dict[str, Any] | None,
        entries: list[EntryView],
        contacts: list[ContactView],
    ) -> None:
        self._loading = False
        if self.entry_id and record is None:
            self._load_failed(CatalogueValidationError(self.entry_id, "fiche introuvable"))
            return
        if record:
            self.setWindowTitle(f"Modifier « {record['name']} »")
        self._fill(
            record or {"kind": "programme", "eligibility": {}, "contacts": []}, entries, contacts
        )
        _say(self.ui.errorLabel, "")
        self._set_form_enabled(True)
        self._save_button().setEnabled(True)
        self.ui.nameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(
        self, record: dict[str, Any], entries: list[EntryView], contacts: list[ContactView]
    ) -> None:
        ui, vocab = self.ui, self._catalogue.vocab
        ui.nameEdit.setText(record.get("name") or "")
        for kind, label in KINDS.items():
            ui.kindCombo.addItem(label, kind)
        ui.kindCombo.setCurrentIndex(ui.kindCombo.findData(record.get("kind")))
        ui.parentCombo.addItem("— aucun —", None)
        for entry in entries:
            if entry.id != self.entry_id:
                ui.parentCombo.addItem(entry.name, entry.id)
        ui.parentCombo.setCurrentIndex(max(0, ui.parentCombo.findData(record.get("parent"))))
        ui.summaryEdit.setPlainText(record.get("summary") or "")
        ui.descriptionEdit.setPlainText(record.get("description") or "")
        ui.practicalEdit.setPlainText(record.get("practical") or "")
        ui.openingHoursEdit.setPlainText(record.get("opening_hours") or "")
        ui.addressEdit.setText(record.get("address") or "")
        ui.documentsEdit.setPlainText(record.get("documents") or "")
        ui.fundingEdit.setText(record.get("funding") or "")
        ui.keywordsEdit.setText(", ".join(record.get("keywords") or []))
        ui.synonymsEdit.setText(", ".join(record.get("synonyms") or []))
        eligibility = record.get("eligibility") or {}
        ui.ageMinSpin.setValue(eligibility.get("age_min", -1))
        ui.ageMaxSpin.setValue(eligibility.get("age_max", -1))
        ui.noteEdit.setText(eligibility.get("note", ""))
        genders = eligibility.get("genders", [])
        ui.womenCheck.setChecked("femme" in genders)
        ui.menCheck.setChecked("homme" in genders)
        ui.otherCheck.setChecked("autre" in genders)
        ui.residenceCheck.setChecked(eligibility.get("residence") == "arrondissement")
        situations = {code: s.label for code, s in vocab.situations.items()}
        fill_checklist(ui.requiresAllList, situations, eligibility.get("requires_all", []))
        fill_checklist(ui.requiresAnyList, situations, eligibility.get("requires_any", []))
        fill_checklist(ui.preferredList, situations, eligibility.get("preferred", []))
        fill_checklist(ui.sectorsList, vocab.sectors, eligibility.get("sectors", []))
        themes = {slug: vocab.thematique_label(slug) for slug in vocab.thematiques}
        fill_checklist(ui.themesList, themes, record.get("thematiques", []))
        fill_checklist(ui.publicsList, vocab.publics, record.get("publics", []))
        # Every contact, the deactivated ones marked: saving must not drop them silently.
        labels = {
            c.id: (f"{c.name} — {c.role}" if c.role else c.name)
            + ("" if c.active else " (désactivé)")
            for c in contacts
        }
        fill_checklist(ui.contactsList, labels, record.get("contacts", []))

    def raw_record(self) -> dict[str, Any]:
        ui = self.ui
        genders = [
            g
            for g, box in (
                ("femme", ui.womenCheck),
                ("homme", ui.menCheck),
                ("autre", ui.otherCheck),
            )
            if box.isChecked()
        ]
        eligibility: dict[str, Any] = {
            "age_min": ui.ageMinSpin.value() if ui.ageMinSpin.value() >= 0 else None,
            "age_max": ui.ageMaxSpin.value() if ui.ageMaxSpin.value() >= 0 else None,
            "genders": genders,
            "requires_all": checked_values(ui.requiresAllList),
            "requires_any": checked_values(ui.requiresAnyList),
            "preferred": checked_values(ui.preferredList),
            "sectors": checked_values(ui.sectorsList),
            "residence": "arrondissement" if ui.residenceCheck.isChecked() else None,
            "note": ui.noteEdit.text(),
        }
        keywords = [k.strip() for k in ui.keywordsEdit.text().split(",") if k.strip()]
        synonyms = [k.strip() for k in ui.synonymsEdit.text().split(",") if k.strip()]
        return {
            "kind": ui.kindCombo.currentData(),
            "parent": ui.parentCombo.currentData(),
            "name": ui.nameEdit.text(),
            "summary": ui.summaryEdit.toPlainText(),
            "description": ui.descriptionEdit.toPlainText(),
            "practical": _text_or_none(ui.practicalEdit.toPlainText()),
            "opening_hours": _text_or_none(ui.openingHoursEdit.toPlainText()),
            "address": _text_or_none(ui.addressEdit.text()),
            "documents": _text_or_none(ui.documentsEdit.toPlainText()),
            "funding": _text_or_none(ui.fundingEdit.text()),
            "thematiques": checked_values(ui.themesList),
            "publics": checked_values(ui.publicsList),
            "keywords": keywords,
            "synonyms": synonyms,
            "eligibility": {k: v for k, v in eligibility.items() if v not in (None, [], "")},
            "contacts": checked_values(ui.contactsList),
        }

    def _field_widget(self, field_name: str) -> QWidget | None:
        ui = self.ui
        return {
            "name": ui.nameEdit,
            "kind": ui.kindCombo,
            "parent": ui.parentCombo,
            "summary": ui.summaryEdit,
            "description": ui.descriptionEdit,
            "practical": ui.practicalEdit,
            "opening_hours": ui.openingHoursEdit,
            "address": ui.addressEdit,
            "documents": ui.documentsEdit,
            "funding": ui.fundingEdit,
            "keywords": ui.keywordsEdit,
            "synonyms": ui.synonymsEdit,
            "thematiques": ui.themesList,
            "publics": ui.publicsList,
            "contacts": ui.contactsList,
            "age_min": ui.ageMinSpin,
            "age_max": ui.ageMaxSpin,
            "note": ui.noteEdit,
            "requires_all": ui.requiresAllList,
            "requires_any": ui.requiresAnyList,
            "preferred": ui.preferredList,
            "sectors": ui.sectorsList,
        }.get(field_name)

    def _save(self) -> None:
        if self.is_busy:
            return
        raw, entry_id, catalogue = self.raw_record(), self.entry_id, self._catalogue
        self._set_saving(True)
        _say(self.ui.errorLabel, "Enregistrement…")
        run_in_background(
            lambda: catalogue.save_entry(entry_id, raw), self._saved, self._save_failed, self
        )

    def _saved(self, entry_id: str) -> None:
        self._set_saving(False)
        self.entry_id = entry_id
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)  # everything typed is still there
        if isinstance(error, CatalogueValidationError):
            self._show_error(*_refusal(error))
        else:  # the database did not answer: keep everything typed
            self._show_error(failure_text(error), None)

    def _show_error(self, message: str, field_name: str | None) -> None:
        show_refusal(self.ui.errorLabel, message)
        widget = self._field_widget(field_name) if field_name else None
        if widget is not None:
            page = widget.parentWidget()
            while page is not None and self.ui.tabs.indexOf(page) < 0:
                page = page.parentWidget()
            if page is not None:
                self.ui.tabs.setCurrentWidget(page)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


class ContactDialog(_BackgroundDialog):
    def __init__(
        self, catalogue: CatalogueService, contact_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ContactDialog()
        self.ui.setupUi(self)
        self._catalogue = catalogue
        self.contact_id = contact_id
        self.setWindowTitle("Modifier le contact" if contact_id else "Nouveau contact")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("&Enregistrer")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.ui.buttonBox.accepted.connect(self._save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.resize(480, 220)
        self._fields = (self.ui.nameEdit, self.ui.roleEdit, self.ui.phoneEdit, self.ui.emailEdit)
        if contact_id is None:
            self._loading = False
            _say(self.ui.errorLabel, "")
            return
        self._set_form_enabled(False)
        self._save_button().setEnabled(False)
        _say(self.ui.errorLabel, "Chargement…")
        run_in_background(
            lambda: catalogue.contacts(include_inactive=True),
            self._loaded,
            self._load_failed,
            self,
        )

    def _set_form_enabled(self, enabled: bool) -> None:
        for field in self._fields:
            field.setEnabled(enabled)

    def _save_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False  # the fields stay disabled: Annuler closes
        _say_unreadable(self.ui.errorLabel, "Contact", error)

    def _loaded(self, contacts: list[ContactView]) -> None:
        self._loading = False
        contact = next((c for c in contacts if c.id == self.contact_id), None)
        if contact is None:
            self._load_failed(CatalogueValidationError(str(self.contact_id), "contact introuvable"))
            return
        self.setWindowTitle(f"Modifier le contact « {contact.name} »")
        self.ui.nameEdit.setText(contact.name)
        self.ui.roleEdit.setText(contact.role or "")
        self.ui.phoneEdit.setText(contact.phone or "")
        self.ui.emailEdit.setText(contact.email or "")
        _say(self.ui.errorLabel, "")
        self._set_form_enabled(True)
        self._save_button().setEnabled(True)
        self.ui.nameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        if self.is_busy:
            return
        ui = self.ui
        raw = {
            "name": ui.nameEdit.text(),
            "role": ui.roleEdit.text(),
            "phone": ui.phoneEdit.text(),
            "email": ui.emailEdit.text(),
        }
        contact_id, catalogue = self.contact_id, self._catalogue
        self._set_saving(True)
        _say(ui.errorLabel, "Enregistrement…")
        run_in_background(
            lambda: catalogue.save_contact(contact_id, raw), self._saved, self._save_failed, self
        )

    def _saved(self, contact_id: str) -> None:
        self._set_saving(False)
        self.contact_id = contact_id
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)  # everything typed is still there
        ui = self.ui
        if not isinstance(error, CatalogueValidationError):
            show_refusal(ui.errorLabel, failure_text(error))
            return
        message, field_name = _refusal(error)
        show_refusal(ui.errorLabel, message)
        widget = {
            "name": ui.nameEdit,
            "role": ui.roleEdit,
            "phone": ui.phoneEdit,
            "email": ui.emailEdit,
        }.get(field_name)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


class ThemeWordsModel(QAbstractTableModel):
    """The thématiques (read only) and their everyday words (edited, comma-separated)."""

    HEADERS = ("Thématique", "Synonymes (séparés par des virgules)")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str]] = []  # (slug, label)
        self.words: dict[str, str] = {}  # slug -> the text as shown or typed
        self.initial: dict[str, str] = {}

    def show(self, labels: dict[str, str], words: dict[str, tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = list(labels.items())
        self.words = {slug: ", ".join(words.get(slug, ())) for slug in labels}
        self.initial = dict(self.words)
        self.endResetModel()

    def rowCount(self, parent: Any = None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        slug, label = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label if index.column() == 0 else self.words[slug]
        if role == Qt.ItemDataRole.FontRole and "--" not in slug:
            font = QFont()
            font.setBold(True)  # a category: its words count for all its sub-themes
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and "--" not in slug:
            return "Catégorie : ses mots comptent pour toutes ses sous-thématiques"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else flags

    def setData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        self.words[self.rows[index.row()][0]] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def changes(self) -> dict[str, list[str]]:
        """The thématiques whose words were changed here, as lists of words."""
        return {
            slug: [w.strip() for w in text.split(",") if w.strip()]
            for slug, text in self.words.items()
            if text != self.initial.get(slug)
        }


class ThemeSynonymsDialog(_BackgroundDialog):
    """Administration › Catalogue › « Synonymes des thématiques… »: read and saved in the
    background; a refusal is said under the table and what was typed stays."""

    def __init__(self, catalogue: CatalogueService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ThemeSynonymsDialog()
        self.ui.setupUi(self)
        self._catalogue = catalogue
        self.saved_count = 0
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("&Enregistrer")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.ui.buttonBox.accepted.connect(self._save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.model = ThemeWordsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setFilterKeyColumn(-1)  # the thématique or one of its words
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.ui.wordsView.setModel(proxy)
        self.ui.filterEdit.textChanged.connect(proxy.setFilterFixedString)
        header = self.ui.wordsView.horizontalHeader()
        # Half each: a long sub-theme's name wraps rather than squeeze its words.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ui.wordsView.verticalHeader().hide()
        self.ui.wordsView.setAccessibleName("Synonymes des thématiques")
        self.resize(900, 560)
        self._set_form_enabled(False)
        self._save_button().setEnabled(False)
        _say(self.ui.errorLabel, "Chargement…")
        vocab = catalogue.vocab
        run_in_background(
            lambda: (
                {s: vocab.thematique_label(s) for s in vocab.thematiques},
                catalogue.theme_synonyms(),
            ),
            self._loaded,
            lambda error: self._load_failed(error),
            self,
        )

    def _set_form_enabled(self, enabled: bool) -> None:
        self.ui.wordsView.setEnabled(enabled)
        self.ui.filterEdit.setEnabled(enabled)

    def _save_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        _say_unreadable(self.ui.errorLabel, "Synonymes", error)

    def _loaded(self, result: tuple[dict[str, str], dict[str, tuple[str, ...]]]) -> None:
        self._loading = False
        labels, words = result
        self.model.show(labels, words)
        self.ui.wordsView.resizeRowsToContents()
        self.model.dataChanged.connect(lambda *_: self.ui.wordsView.resizeRowsToContents())
        _say(self.ui.errorLabel, "")
        self._set_form_enabled(True)
        self._save_button().setEnabled(True)
        view = self.ui.wordsView
        view.setCurrentIndex(view.model().index(0, 1))
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        if self.is_busy:
            return
        view = self.ui.wordsView
        if view.state() == QAbstractItemView.State.EditingState:
            # The line being typed counts (« Enregistrer » by Alt+E leaves the focus in the
            # cell): the editor losing the focus hands its text to the model.
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        changes = self.model.changes()
        if not changes:
            self.accept()
            return
        catalogue = self._catalogue
        self._set_saving(True)
        _say(self.ui.errorLabel, "Enregistrement…")
        run_in_background(
            lambda: catalogue.save_theme_synonyms(changes), self._saved, self._save_failed, self
        )

    def _saved(self, count: int) -> None:
        self._set_saving(False)
        self.saved_count = count
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)  # what was typed stays, to be corrected
        show_refusal(self.ui.errorLabel, failure_text(error))
