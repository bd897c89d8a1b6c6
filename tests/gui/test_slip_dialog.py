"""Saving a slip: Qt's file dialog, in French, in « Fiches d'orientation », no name in the file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from full_disk import disk_full_message, fail_half_way, needs_proc
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QWidget

from acsrv_desktop.core.reception.slip import Slip, SlipLine
from acsrv_desktop.gui import slips
from acsrv_desktop.gui.translations import install_french, qt_translations_folder


def _slip(*programmes: str) -> Slip:
    return Slip(
        visit_id=1,
        date=datetime(2026, 12, 2, 9, 30, tzinfo=UTC),  # 10:30 in Valenciennes
        centre="Centre social Chasse Royale",
        visitor_first_name="Amina",
        consent=True,
        federation="ACSRV",
        address="34 avenue de Condé, 59300 Valenciennes",
        federation_phone="03 27 28 91 98",
        lines=tuple(SlipLine(p, "", None, None, None, None, None) for p in programmes),
    )


@pytest.fixture
def documents(monkeypatch, tmp_path):
    folder = tmp_path / "Documents"
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        lambda location: (
            str(folder)
            if location == QStandardPaths.StandardLocation.DocumentsLocation
            else str(tmp_path)
        ),
    )
    return folder


@pytest.fixture
def french(qapp):
    translators = install_french(qapp)
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_file_name_says_date_time_and_programme_never_the_person():
    assert slips.slip_file_name(_slip("Court Circuit")) == (
        "fiche-orientation-2026-12-02-1030-court-circuit.pdf"
    )
    name = slips.slip_file_name(_slip("Les Z’elles", "Cités Lab"))
    assert name == "fiche-orientation-2026-12-02-1030-les-z-elles-cites-lab.pdf"
    assert name.isascii() and "amina" not in name.lower()


def test_a_long_list_of_programmes_is_cut_between_words():
    name = slips.slip_file_name(_slip(*[f"Programme numéro {i}" for i in range(10)]))
    assert len(name) < 110 and not name.removesuffix(".pdf").endswith("-")


def test_the_dialog_opens_in_a_new_slips_folder_and_writes_there(qtbot, documents, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    asked = {}

    def fake_dialog(parent, title, start, filters, options=None):
        asked.update(title=title, start=start, filters=filters, options=options)
        return start, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    path, message = slips.save_slip_pdf(parent, _slip("Court Circuit"))
    folder = documents / "Fiches d'orientation"
    assert folder.is_dir()
    assert asked["start"] == str(folder / "fiche-orientation-2026-12-02-1030-court-circuit.pdf")
    assert asked["options"] == QFileDialog.Option.DontUseNativeDialog
    assert asked["title"] == "Enregistrer la fiche d’orientation"
    assert path.parent == folder and path.read_bytes().startswith(b"%PDF")
    assert "enregistrée" in message


@needs_proc
def test_a_slip_on_a_full_disk_or_over_the_database_is_not_saved(
    qtbot, documents, monkeypatch, tmp_path
):
    from acsrv_desktop.core.atomic_output import partial_files, protect_database

    parent = QWidget()
    qtbot.addWidget(parent)
    earlier = tmp_path / "fiche.pdf"
    earlier.write_bytes(b"une fiche d'avant")
    database = tmp_path / "acsrv.sqlite3"
    database.write_bytes(b"pas une fiche")
    protect_database(database)  # as opening it does
    chosen = iter([earlier, database])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(chosen)), ""))
    with monkeypatch.context() as full:
        fail_half_way(full)
        path, message = slips.save_slip_pdf(parent, _slip("Court Circuit"))
    assert path is None
    assert message == f"Fiche non enregistrée : {disk_full_message(earlier)}"
    assert earlier.read_bytes() == b"une fiche d'avant"
    path, message = slips.save_slip_pdf(parent, _slip("Court Circuit"))
    assert path is None and message.startswith("Fiche non enregistrée : ")
    assert "désigne la base de données de l’application" in message
    assert database.read_bytes() == b"pas une fiche"
    assert list(partial_files(tmp_path)) == []


def test_without_a_documents_folder_the_home_folder_takes_it(monkeypatch, tmp_path):
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: "")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert slips.slip_folder() == tmp_path / "Fiches d'orientation"
    assert slips.slip_folder().is_dir()


def test_qt_french_translation_ships_and_loads(french):
    assert (qt_translations_folder() / "qtbase_fr.qm").is_file()
    assert len(french) == 2  # qtbase_fr, then the complements
    assert QCoreApplication.translate("QFileDialog", "&Open") == "&Ouvrir"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_every_label_of_the_file_dialog_is_french(qtbot, french, tmp_path):
    dialog = QFileDialog(None, "Enregistrer", str(tmp_path / "fiche.pdf"), "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    labels = sorted(label.text().replace("\xa0", " ") for label in dialog.findChildren(QLabel))
    assert labels == ["&Nom de fichier :", "&Type de fichier :", "&Voir dans :"]
    texts = {b.text() for b in dialog.findChildren(QDialogButtonBox)[0].buttons()}
    assert texts == {"&Enregistrer", "Annuler"}


def test_the_application_installs_the_french_translation(monkeypatch):
    from acsrv_desktop.gui import application

    installed = []
    monkeypatch.setattr(
        "acsrv_desktop.gui.translations.install_french", lambda app: installed.append(app)
    )
    app = application._make_application()
    assert installed == [app] and app is QApplication.instance()
