# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'administration_area.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_AdministrationArea(object):
    def setupUi(self, AdministrationArea):
        if not AdministrationArea.objectName():
            AdministrationArea.setObjectName(u"AdministrationArea")
        self.mainLayout = QVBoxLayout(AdministrationArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.sections = QTabWidget(AdministrationArea)
        self.sections.setObjectName(u"sections")
        self.catalogueTab = QWidget()
        self.catalogueTab.setObjectName(u"catalogueTab")
        self.catalogueLayout = QVBoxLayout(self.catalogueTab)
        self.catalogueLayout.setObjectName(u"catalogueLayout")
        self.catalogueFilterRow = QHBoxLayout()
        self.catalogueFilterRow.setObjectName(u"catalogueFilterRow")
        self.entryFilterLabel = QLabel(self.catalogueTab)
        self.entryFilterLabel.setObjectName(u"entryFilterLabel")

        self.catalogueFilterRow.addWidget(self.entryFilterLabel)

        self.entryFilterEdit = QLineEdit(self.catalogueTab)
        self.entryFilterEdit.setObjectName(u"entryFilterEdit")
        self.entryFilterEdit.setClearButtonEnabled(True)

        self.catalogueFilterRow.addWidget(self.entryFilterEdit)

        self.showInactiveCheck = QCheckBox(self.catalogueTab)
        self.showInactiveCheck.setObjectName(u"showInactiveCheck")

        self.catalogueFilterRow.addWidget(self.showInactiveCheck)


        self.catalogueLayout.addLayout(self.catalogueFilterRow)

        self.entriesView = QTableView(self.catalogueTab)
        self.entriesView.setObjectName(u"entriesView")
        self.entriesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entriesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entriesView.setAlternatingRowColors(True)
        self.entriesView.setSortingEnabled(True)

        self.catalogueLayout.addWidget(self.entriesView)

        self.catalogueButtons = QHBoxLayout()
        self.catalogueButtons.setObjectName(u"catalogueButtons")
        self.newEntryButton = QPushButton(self.catalogueTab)
        self.newEntryButton.setObjectName(u"newEntryButton")

        self.catalogueButtons.addWidget(self.newEntryButton)

        self.editEntryButton = QPushButton(self.catalogueTab)
        self.editEntryButton.setObjectName(u"editEntryButton")

        self.catalogueButtons.addWidget(self.editEntryButton)

        self.toggleEntryButton = QPushButton(self.catalogueTab)
        self.toggleEntryButton.setObjectName(u"toggleEntryButton")

        self.catalogueButtons.addWidget(self.toggleEntryButton)

        self.catalogueSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.catalogueButtons.addItem(self.catalogueSpacer)

        self.themeWordsButton = QPushButton(self.catalogueTab)
        self.themeWordsButton.setObjectName(u"themeWordsButton")

        self.catalogueButtons.addWidget(self.themeWordsButton)

        self.importButton = QPushButton(self.catalogueTab)
        self.importButton.setObjectName(u"importButton")

        self.catalogueButtons.addWidget(self.importButton)

        self.exportButton = QPushButton(self.catalogueTab)
        self.exportButton.setObjectName(u"exportButton")

        self.catalogueButtons.addWidget(self.exportButton)


        self.catalogueLayout.addLayout(self.catalogueButtons)

        self.sections.addTab(self.catalogueTab, "")
        self.contactsTab = QWidget()
        self.contactsTab.setObjectName(u"contactsTab")
        self.contactsLayout = QVBoxLayout(self.contactsTab)
        self.contactsLayout.setObjectName(u"contactsLayout")
        self.contactsView = QTableView(self.contactsTab)
        self.contactsView.setObjectName(u"contactsView")
        self.contactsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contactsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contactsView.setAlternatingRowColors(True)
        self.contactsView.setSortingEnabled(True)

        self.contactsLayout.addWidget(self.contactsView)

        self.contactButtons = QHBoxLayout()
        self.contactButtons.setObjectName(u"contactButtons")
        self.newContactButton = QPushButton(self.contactsTab)
        self.newContactButton.setObjectName(u"newContactButton")

        self.contactButtons.addWidget(self.newContactButton)

        self.editContactButton = QPushButton(self.contactsTab)
        self.editContactButton.setObjectName(u"editContactButton")

        self.contactButtons.addWidget(self.editContactButton)

        self.toggleContactButton = QPushButton(self.contactsTab)
        self.toggleContactButton.setObjectName(u"toggleContactButton")

        self.contactButtons.addWidget(self.toggleContactButton)

        self.contactSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.contactButtons.addItem(self.contactSpacer)


        self.contactsLayout.addLayout(self.contactButtons)

        self.sections.addTab(self.contactsTab, "")

        self.mainLayout.addWidget(self.sections)

#if QT_CONFIG(shortcut)
        self.entryFilterLabel.setBuddy(self.entryFilterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sections, self.entryFilterEdit)
        QWidget.setTabOrder(self.entryFilterEdit, self.showInactiveCheck)
        QWidget.setTabOrder(self.showInactiveCheck, self.entriesView)
        QWidget.setTabOrder(self.entriesView, self.newEntryButton)
        QWidget.setTabOrder(self.newEntryButton, self.editEntryButton)
        QWidget.setTabOrder(self.editEntryButton, self.toggleEntryButton)
        QWidget.setTabOrder(self.toggleEntryButton, self.importButton)
        QWidget.setTabOrder(self.importButton, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.contactsView)
        QWidget.setTabOrder(self.contactsView, self.newContactButton)
        QWidget.setTabOrder(self.newContactButton, self.editContactButton)
        QWidget.setTabOrder(self.editContactButton, self.toggleContactButton)

        self.retranslateUi(AdministrationArea)

        self.sections.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(AdministrationArea)
    # setupUi

    def retranslateUi(self, AdministrationArea):
        self.entryFilterLabel.setText(QCoreApplication.translate("AdministrationArea", u"Fi&ltrer :", None))
        self.entryFilterEdit.setPlaceholderText(QCoreApplication.translate("AdministrationArea", u"nom, type, contact\u2026", None))
        self.showInactiveCheck.setText(QCoreApplication.translate("AdministrationArea", u"Afficher les fiches d\u00e9&sactiv\u00e9es", None))
        self.newEntryButton.setText(QCoreApplication.translate("AdministrationArea", u"&Nouvelle fiche\u2026", None))
#if QT_CONFIG(tooltip)
        self.newEntryButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Ajouter un programme, une action, un module ou un service", None))
#endif // QT_CONFIG(tooltip)
        self.editEntryButton.setText(QCoreApplication.translate("AdministrationArea", u"&Modifier\u2026", None))
#if QT_CONFIG(tooltip)
        self.editEntryButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Modifier la fiche choisie (Entr\u00e9e)", None))
#endif // QT_CONFIG(tooltip)
        self.toggleEntryButton.setText(QCoreApplication.translate("AdministrationArea", u"D\u00e9sactiv&er", None))
#if QT_CONFIG(tooltip)
        self.toggleEntryButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Retirer la fiche de la recherche et de l\u2019orientation (r\u00e9versible)", None))
#endif // QT_CONFIG(tooltip)
        self.themeWordsButton.setText(QCoreApplication.translate("AdministrationArea", u"S&ynonymes des th\u00e9matiques\u2026", None))
#if QT_CONFIG(tooltip)
        self.themeWordsButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Les mots du public pour chaque th\u00e9matique, trouv\u00e9s par la recherche", None))
#endif // QT_CONFIG(tooltip)
        self.importButton.setText(QCoreApplication.translate("AdministrationArea", u"&Importer\u2026", None))
#if QT_CONFIG(tooltip)
        self.importButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Importer un catalogue au format data\u00b7inclusion (JSON)", None))
#endif // QT_CONFIG(tooltip)
        self.exportButton.setText(QCoreApplication.translate("AdministrationArea", u"E&xporter\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Exporter le catalogue au format data\u00b7inclusion (JSON)", None))
#endif // QT_CONFIG(tooltip)
        self.sections.setTabText(self.sections.indexOf(self.catalogueTab), QCoreApplication.translate("AdministrationArea", u"Catalogue des programmes", None))
        self.newContactButton.setText(QCoreApplication.translate("AdministrationArea", u"Nou&veau contact\u2026", None))
#if QT_CONFIG(tooltip)
        self.newContactButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Ajouter un contact", None))
#endif // QT_CONFIG(tooltip)
        self.editContactButton.setText(QCoreApplication.translate("AdministrationArea", u"M&odifier\u2026", None))
#if QT_CONFIG(tooltip)
        self.editContactButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"Modifier le contact choisi", None))
#endif // QT_CONFIG(tooltip)
        self.toggleContactButton.setText(QCoreApplication.translate("AdministrationArea", u"D\u00e9sac&tiver", None))
#if QT_CONFIG(tooltip)
        self.toggleContactButton.setToolTip(QCoreApplication.translate("AdministrationArea", u"D\u00e9sactiver le contact choisi (r\u00e9versible)", None))
#endif // QT_CONFIG(tooltip)
        self.sections.setTabText(self.sections.indexOf(self.contactsTab), QCoreApplication.translate("AdministrationArea", u"Contacts", None))
        pass
    # retranslateUi

