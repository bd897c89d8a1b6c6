"""Coordinators edit the catalogue: add, edit, deactivate, import, export — with the keyboard."""

from __future__ import annotations

import json
import sqlite3

import pytest
from full_disk import disk_full_message, fail_half_way, needs_proc
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Programme
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui import errors
from acsrv_desktop.gui.administration import area as area_module
from acsrv_desktop.gui.administration.area import AdministrationArea
from acsrv_desktop.gui.administration.dialogs import (
    ContactDialog,
    EntryDialog,
    ThemeSynonymsDialog,
)

ADMIN = Actor.system("tests")


@pytest.fixture
def admin(qtbot, catalogue_service):
    widget = AdministrationArea(Services(catalogue_service.db, catalogue_service.actor))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitUntil(lambda: not widget.is_busy)  # the lists are read in the background
    return widget


def _open_dialog(qtbot, catalogue_service, entry_id=None) -> EntryDialog:
    dialog = EntryDialog(catalogue_service, entry_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(lambda: not dialog.is_busy)  # what it shows is read in the background
    return dialog


def _save(qtbot, dialog, widget) -> None:
    """Entrée (the default button: Enregistrer), then the answer of the background save."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_busy)


def _check(list_widget, value):
    for row in range(list_widget.count()):
        if list_widget.item(row).data(Qt.ItemDataRole.UserRole) == value:
            list_widget.item(row).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(value)


def test_a_new_programme_typed_and_saved_from_the_keyboard(qtbot, typist, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service)
    qtbot.keyClicks(dialog.ui.nameEdit, "Atelier CV du mardi")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.ui.kindCombo, Qt.Key.Key_Down)  # Programme -> Action
    dialog.ui.summaryEdit.setFocus()
    typist(dialog.ui.summaryEdit, "Réaliser son CV avec une conseillère.")
    _check(
        dialog.ui.themesList,
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
    )
    _check(dialog.ui.contactsList, "peggy-coudeville")
    dialog.ui.ageMinSpin.setValue(18)
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = catalogue_service.entry(dialog.entry_id)
    assert (entry.name, entry.kind, entry.eligibility) == (
        "Atelier CV du mardi",
        "action",
        {"age_min": 18},
    )
    assert entry.contacts[0].name == "PEGGY COUDEVILLE"
    assert catalogue_service.search("atelier cv")[0].entry.id == dialog.entry_id


def test_a_refused_save_keeps_everything_typed(qtbot, typist, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service)
    typist(dialog.ui.summaryEdit, "Un résumé tapé avec soin")
    dialog.ui.ageMinSpin.setValue(40)
    dialog.ui.ageMaxSpin.setValue(20)
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Nom : champ obligatoire vide" in dialog.ui.errorLabel.text()
    assert dialog.ui.nameEdit.hasFocus()
    qtbot.keyClicks(dialog.ui.nameEdit, "Ateliers du soir")
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert "Âge minimum : l'âge minimum dépasse l'âge maximum" in dialog.ui.errorLabel.text()
    assert dialog.ui.tabs.currentWidget() is dialog.ui.audienceTab
    assert dialog.ui.summaryEdit.toPlainText() == "Un résumé tapé avec soin"
    assert all(
        e.name != "Ateliers du soir" for e in catalogue_service.entries(include_inactive=True)
    )


def test_editing_an_entry_changes_it_everywhere(qtbot, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service, "forum-citoyen")
    assert dialog.ui.nameEdit.text() == "Forum Citoyen"
    assert dialog.ui.contactsList.item(0).text().startswith("Laurence DELSAUX")
    dialog.ui.practicalEdit.setPlainText(
        "Itinérant ; prochaine rencontre au centre social de Denain."
    )
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert catalogue_service.entry("forum-citoyen").practical.endswith("centre social de Denain.")
    assert catalogue_service.entry("forum-citoyen").eligibility["sectors"] == [
        "pays-de-conde",
        "valenciennois",
        "denaisis",
    ]


def test_a_locked_database_keeps_the_dialog_and_its_input(qtbot, sqlite_database, tmp_path):
    impatient = Database(sqlite_database.url, busy_timeout_ms=100)
    service = CatalogueService(impatient, ADMIN)
    dialog = _open_dialog(qtbot, service, "les-zelles")
    dialog.ui.summaryEdit.setPlainText("Nouveau résumé")
    other = sqlite3.connect(sqlite_database.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another workstation holds the write lock
    try:
        qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
        assert dialog.ui.errorLabel.text() == "Enregistrement…"  # waits in the background
        assert not dialog.ui.tabs.isEnabled()  # read-only meanwhile
        qtbot.waitUntil(lambda: not dialog.is_busy)
        assert dialog.isVisible()
        assert "occupée par un autre poste" in dialog.ui.errorLabel.text()
        assert dialog.ui.summaryEdit.toPlainText() == "Nouveau résumé"
        assert dialog.ui.tabs.isEnabled()
    finally:
        other.execute("ROLLBACK")
        other.close()
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert service.entry("les-zelles").summary == "Nouveau résumé"
    impatient.dispose()


def test_deactivate_after_confirmation_then_reactivate(
    admin, qtbot, typist, catalogue_service, monkeypatch
):
    asked = []
    monkeypatch.setattr(area_module, "_confirm", lambda *args: asked.append(args[2]) or True)
    typist(admin.ui.entryFilterEdit, "Z’elles")
    admin.ui.entriesView.selectRow(0)
    admin.ui.toggleEntryButton.click()
    assert "Les Z’elles" in asked[0] and "réactiver" in asked[0]
    qtbot.waitUntil(lambda: not admin.is_busy)
    assert not catalogue_service.entry("les-zelles").active
    assert catalogue_service.search("zelles") == []
    admin.ui.showInactiveCheck.setChecked(True)
    qtbot.waitUntil(lambda: not admin.is_busy)
    admin.ui.entriesView.selectRow(0)
    assert admin.ui.toggleEntryButton.text() == "Réactiv&er"
    admin.ui.toggleEntryButton.click()
    qtbot.waitUntil(lambda: not admin.is_busy)
    assert catalogue_service.entry("les-zelles").active
    assert len(asked) == 1  # reactivating needs no confirmation


def test_a_cancelled_confirmation_changes_nothing(admin, catalogue_service, monkeypatch):
    monkeypatch.setattr(area_module, "_confirm", lambda *args: False)
    admin.ui.entriesView.selectRow(0)
    admin.ui.toggleEntryButton.click()
    assert not admin.is_busy  # nothing sent to the database
    assert all(e.active for e in catalogue_service.entries(include_inactive=True))


def test_export_then_a_bad_import_is_refused_with_its_reason(
    admin, qtbot, catalogue_service, monkeypatch, tmp_path
):
    target = tmp_path / "catalogue.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    admin.ui.exportButton.click()
    assert not admin.ui.importButton.isEnabled()  # written in the background
    qtbot.waitUntil(lambda: not admin.is_busy)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported["services"]) == len(catalogue_service.entries())

    bad = tmp_path / "mauvais.json"
    bad.write_text(
        '{"services": [{"id": "x", "nom": "X", "thematiques": ["inconnue"]}]}', encoding="utf-8"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []
    monkeypatch.setattr(
        errors,
        "show_error",
        lambda parent, title, message, details="": shown.append((title, message)),
    )
    admin.ui.importButton.click()
    qtbot.waitUntil(lambda: not admin.is_busy)
    assert shown[0][0] == "Import refusé"
    assert (
        "thématique inconnue « inconnue »" in shown[0][1] and "Rien n’a été modifié" in shown[0][1]
    )
    assert catalogue_service.entry("x") is None


@needs_proc
def test_the_catalogue_on_a_full_disk_or_over_the_database_is_not_written(
    admin, qtbot, catalogue_service, monkeypatch, tmp_path
):
    earlier = tmp_path / "catalogue.json"
    earlier.write_bytes(b"{}")
    database = catalogue_service.db.sqlite_path
    before = database.read_bytes()
    chosen = iter([earlier, database])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(chosen)), ""))
    shown = []
    monkeypatch.setattr(
        errors,
        "show_error",
        lambda parent, title, message, details="": shown.append((title, message)),
    )
    with monkeypatch.context() as full:
        fail_half_way(full)
        admin.ui.exportButton.click()
        qtbot.waitUntil(lambda: not admin.is_busy)
    admin.ui.exportButton.click()
    qtbot.waitUntil(lambda: not admin.is_busy)
    assert shown[0] == ("Export impossible", disk_full_message(earlier))
    assert shown[1][0] == "Export impossible" and "rien n’a été écrit" in shown[1][1]
    assert earlier.read_bytes() == b"{}" and database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partiel")) == []


def test_contacts_are_edited_with_french_validation(qtbot, catalogue_service):
    dialog = ContactDialog(catalogue_service, "bruno-kutza")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.errorLabel.text() == "Chargement…" and not dialog.ui.emailEdit.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    assert dialog.ui.nameEdit.text() and dialog.ui.emailEdit.isEnabled()
    dialog.ui.emailEdit.setText("pas-une-adresse")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    assert (
        "Courriel : adresse électronique invalide « pas-une-adresse »"
        in dialog.ui.errorLabel.text()
    )
    dialog.ui.emailEdit.setText("bruno.kutza@acsrv.org")
    dialog.ui.phoneEdit.setText("07.62.54.81.50")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    contact = next(c for c in catalogue_service.contacts() if c.id == "bruno-kutza")
    assert (contact.email, contact.phone) == ("bruno.kutza@acsrv.org", "07 62 54 81 50")


def test_models_follow_the_rules(qtmodeltester, admin):
    qtmodeltester.check(admin._entries)
    qtmodeltester.check(admin._contacts)


def test_screenshots(admin, qtbot, catalogue_service, tmp_path):
    assert admin.grab().save(str(tmp_path / "administration.png"))
    dialog = _open_dialog(qtbot, catalogue_service, "initiative-emploi-jeunes")
    assert dialog.grab().save(str(tmp_path / "fiche.png"))


def test_a_deactivated_contact_is_kept_when_the_entry_is_saved(qtbot, catalogue_service):
    catalogue_service.set_contact_active("juliette-fleury", False)
    dialog = _open_dialog(qtbot, catalogue_service, "les-zelles")
    assert dialog.ui.contactsList.item(0).text().endswith("(désactivé)")
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert catalogue_service.raw_entry("les-zelles")["contacts"] == ["juliette-fleury"]


def test_duplicates_are_listed_and_merged_after_confirmation(
    admin, qtbot, sqlite_database, monkeypatch
):
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QMessageBox

    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visitors import VisitorService
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    visitors, visits = VisitorService(sqlite_database, ADMIN), VisitService(sqlite_database, ADMIN)
    centre = CentreService(sqlite_database).centres()[0].id
    first = visitors.create(VisitorInput("Jean", "Dupont", 1970))
    second = visitors.create(VisitorInput("JEAN", "dupont", 1970))
    for visitor in (first, second):
        visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC), visitor_id=visitor.id))
    panel = admin.duplicates
    panel.reload()
    assert panel.state_label.text() == "Chargement…"
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert panel.tree.topLevelItemCount() == 1 and panel.state_label.text() == "1 groupe"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.merge_button.click()
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert panel.tree.topLevelItemCount() == 0
    assert visitors.count() == 1
    assert visits.counters(visits.day(None, datetime.now(UTC).date())).people == 1


# -- opening hours, address of the place, documents to bring ------------------------------

ALT = Qt.KeyboardModifier.AltModifier


def _to_place_tab(qtbot, dialog):
    """Ctrl+Tab from the first tab to « Horaires, lieu, pièces »."""
    dialog.ui.nameEdit.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.ui.tabs.currentWidget() is dialog.ui.placeTab


def test_place_fields_typed_with_the_keyboard_reach_the_database(qtbot, typist, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service, "cites-lab")
    _to_place_tab(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)  # &Horaires d’accueil
    assert QApplication.focusWidget() is dialog.ui.openingHoursEdit
    typist(dialog.ui.openingHoursEdit, "Le mardi, 9 h – 12 h")
    qtbot.keyClick(dialog.ui.openingHoursEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ui.addressEdit
    typist(dialog.ui.addressEdit, "12 rue Jean-Jaurès, 59220 Denain")
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)  # &Pièces à apporter
    assert QApplication.focusWidget() is dialog.ui.documentsEdit
    typist(dialog.ui.documentsEdit, "Pièce d’identité")
    qtbot.keyClick(dialog.ui.documentsEdit, Qt.Key.Key_Return)  # a new line in the list
    typist(dialog.ui.documentsEdit, "CV")
    _save(qtbot, dialog, dialog.ui.addressEdit)  # the default button: Enregistrer
    assert dialog.result() == QDialog.DialogCode.Accepted
    with catalogue_service.db.read() as session:
        row = session.get(Programme, "cites-lab")
        assert (row.opening_hours, row.address, row.documents) == (
            "Le mardi, 9 h – 12 h",
            "12 rue Jean-Jaurès, 59220 Denain",
            "Pièce d’identité\nCV",
        )
    again = _open_dialog(qtbot, catalogue_service, "cites-lab")  # shown again when reopened
    assert again.ui.addressEdit.text() == "12 rue Jean-Jaurès, 59220 Denain"
    assert again.ui.documentsEdit.toPlainText() == "Pièce d’identité\nCV"


def test_a_refused_address_is_said_next_to_the_form_and_focused(qtbot, typist, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service, "cites-lab")
    _to_place_tab(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)  # A&dresse du lieu
    typist(dialog.ui.addressEdit, "59220")
    dialog.ui.tabs.setCurrentIndex(0)
    _save(qtbot, dialog, dialog.ui.nameEdit)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Adresse du lieu : adresse invalide" in dialog.ui.errorLabel.text()
    assert dialog.ui.tabs.currentWidget() is dialog.ui.placeTab
    assert QApplication.focusWidget() is dialog.ui.addressEdit
    with catalogue_service.db.read() as session:
        assert session.get(Programme, "cites-lab").address is None


def test_a_slow_catalogue_keeps_the_window_alive(admin, qtbot, catalogue_service):
    """The catalogue's lists held back in the background for 1.5 s: the GUI thread keeps
    running (a 10 ms timer at ≥ 20 Hz), the area says « Chargement… » and its edit buttons
    wait; the lists arrive once released."""
    from held import HELD_S, Heartbeat, held

    catalogue_service.set_entry_active("les-zelles", False)  # elsewhere: not shown yet
    admin.reload()
    qtbot.waitUntil(lambda: not admin.is_busy)
    admin.ui.entriesView.selectRow(0)
    assert admin.ui.editEntryButton.isEnabled()
    shown = admin._entries.rowCount()
    with held(admin._catalogue, "entries") as hold, Heartbeat() as heartbeat:
        admin.ui.showInactiveCheck.setFocus()
        qtbot.keyClick(admin.ui.showInactiveCheck, Qt.Key.Key_Space)  # the inactive ones too
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert admin.is_busy and admin.state_label.text() == "Chargement…"
        assert not admin.ui.editEntryButton.isEnabled()  # never on the rows being replaced
        assert admin._entries.rowCount() == shown  # not yet
        qtbot.waitUntil(lambda: not admin.is_busy, timeout=int(HELD_S * 1000) + 10_000)
    print(heartbeat.check(until=hold.released_at[0]))
    assert "MainThread" not in hold.threads
    assert admin._entries.rowCount() == shown + 1 and admin.state_label.text() == ""


def test_synonyms_typed_with_the_keyboard_are_saved_and_found(qtbot, typist, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service, "cites-lab")
    assert dialog.ui.synonymsEdit.text() == "monter sa boîte, auto-entrepreneur, micro-entreprise"
    qtbot.keyClick(dialog, Qt.Key.Key_M, ALT)  # &Mots-clés, then Tab: the synonyms
    qtbot.keyClick(dialog.ui.keywordsEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ui.synonymsEdit
    qtbot.keyClick(dialog.ui.synonymsEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    typist(dialog.ui.synonymsEdit, "food truck, , boîte à idées ")
    _save(qtbot, dialog, dialog.ui.synonymsEdit)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with catalogue_service.db.read() as session:
        assert session.get(Programme, "cites-lab").synonyms == ["food truck", "boîte à idées"]
    assert catalogue_service.search("food truck")[0].entry.id == "cites-lab"
    again = _open_dialog(qtbot, catalogue_service, "cites-lab")
    assert again.ui.synonymsEdit.text() == "food truck, boîte à idées"


def test_a_refused_synonym_is_said_and_focused(qtbot, catalogue_service):
    dialog = _open_dialog(qtbot, catalogue_service, "cites-lab")
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # &Synonymes
    assert QApplication.focusWidget() is dialog.ui.synonymsEdit
    dialog.ui.synonymsEdit.setText("x" * 101)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.placeTab)
    _save(qtbot, dialog, dialog.ui.addressEdit)
    assert dialog.ui.tabs.currentIndex() == 0  # back to the field's tab
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Synonymes : une liste de synonymes est attendue" in dialog.ui.errorLabel.text()
    assert QApplication.focusWidget() is dialog.ui.synonymsEdit


def test_the_words_of_a_thematique_edited_by_keys_are_searched(
    admin, qtbot, typist, catalogue_service, tmp_path
):
    from PySide6.QtCore import QTimer

    done: list[str] = []

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ThemeSynonymsDialog):
            QTimer.singleShot(20, in_the_dialog)
            return
        qtbot.waitUntil(lambda: not dialog.is_busy)
        view = dialog.ui.wordsView
        qtbot.waitUntil(view.hasFocus)  # the words of the first row, ready to be typed
        assert view.currentIndex().column() == 1
        assert dialog.grab().save(str(tmp_path / "synonymes-thematiques.png"))
        qtbot.keyClick(dialog, Qt.Key.Key_L, ALT)  # « Fi&ltrer »
        typist(dialog.ui.filterEdit, "accompagné dans son parcours mobilité")
        assert view.model().rowCount() == 1
        qtbot.keyClick(dialog.ui.filterEdit, Qt.Key.Key_Tab)
        view.setCurrentIndex(view.model().index(0, 1))
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        typist(editor, "trottinette")
        qtbot.keyClick(dialog, Qt.Key.Key_E, ALT)  # « &Enregistrer », still in the cell
        qtbot.waitUntil(lambda: not dialog.isVisible())
        done.append("ok")

    said: list[str] = []
    admin.status_message.connect(said.append)
    QTimer.singleShot(0, in_the_dialog)
    qtbot.keyClick(admin, Qt.Key.Key_Y, ALT)  # « S&ynonymes des thématiques… »
    qtbot.waitUntil(lambda: done == ["ok"])
    qtbot.waitUntil(lambda: not admin.is_busy)
    words = catalogue_service.theme_synonyms()[
        "mobilite--etre-accompagne-dans-son-parcours-mobilite"
    ]
    assert words == ("trottinette",)  # it had none: only what was typed
    found = {r.entry.id for r in CatalogueService(catalogue_service.db).search("trottinette")}
    assert "reussir-autrement-mobilite" in found  # by the new word, on another workstation
    assert "Synonymes enregistrés pour 1 thématique" in said


def test_wrong_words_are_said_under_the_table_and_stay_typed(qtbot, catalogue_service):
    dialog = ThemeSynonymsDialog(catalogue_service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    model = dialog.model
    row = next(i for i, (slug, _label) in enumerate(model.rows) if slug == "mobilite")
    many = ", ".join(f"mot {n}" for n in range(41))
    model.setData(model.index(row, 1), many)
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    assert dialog.isVisible()
    assert "40 mots au plus" in dialog.ui.errorLabel.text()
    assert model.words["mobilite"] == many  # nothing lost
    assert "mot 3" not in catalogue_service.theme_synonyms()["mobilite"]


def test_the_words_model_follows_the_rules(qtmodeltester, qtbot, catalogue_service):
    dialog = ThemeSynonymsDialog(catalogue_service)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy)
    qtmodeltester.check(dialog.model)
