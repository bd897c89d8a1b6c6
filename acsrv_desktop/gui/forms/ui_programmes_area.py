# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'programmes_area.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_ProgrammesArea(object):
    def setupUi(self, ProgrammesArea):
        if not ProgrammesArea.objectName():
            ProgrammesArea.setObjectName(u"ProgrammesArea")
        self.mainLayout = QVBoxLayout(ProgrammesArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchLabel = QLabel(ProgrammesArea)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchRow.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(ProgrammesArea)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)


        self.mainLayout.addLayout(self.searchRow)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.themeLabel = QLabel(ProgrammesArea)
        self.themeLabel.setObjectName(u"themeLabel")

        self.filterRow.addWidget(self.themeLabel)

        self.themeFilter = QComboBox(ProgrammesArea)
        self.themeFilter.setObjectName(u"themeFilter")
        self.themeFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.themeFilter)

        self.publicLabel = QLabel(ProgrammesArea)
        self.publicLabel.setObjectName(u"publicLabel")

        self.filterRow.addWidget(self.publicLabel)

        self.publicFilter = QComboBox(ProgrammesArea)
        self.publicFilter.setObjectName(u"publicFilter")
        self.publicFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.publicFilter)

        self.sectorLabel = QLabel(ProgrammesArea)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.filterRow.addWidget(self.sectorLabel)

        self.sectorFilter = QComboBox(ProgrammesArea)
        self.sectorFilter.setObjectName(u"sectorFilter")
        self.sectorFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.sectorFilter)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)

        self.countLabel = QLabel(ProgrammesArea)
        self.countLabel.setObjectName(u"countLabel")

        self.filterRow.addWidget(self.countLabel)


        self.mainLayout.addLayout(self.filterRow)

        self.splitter = QSplitter(ProgrammesArea)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.resultsView = QTableView(self.splitter)
        self.resultsView.setObjectName(u"resultsView")
        self.resultsView.setMinimumSize(QSize(460, 0))
        self.resultsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.resultsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.resultsView.setAlternatingRowColors(True)
        self.resultsView.setSortingEnabled(True)
        self.resultsView.setWordWrap(False)
        self.splitter.addWidget(self.resultsView)
        self.detailPane = QWidget(self.splitter)
        self.detailPane.setObjectName(u"detailPane")
        self.detailLayout = QVBoxLayout(self.detailPane)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 0, 0, 0)
        self.detailBrowser = QTextBrowser(self.detailPane)
        self.detailBrowser.setObjectName(u"detailBrowser")
        self.detailBrowser.setOpenLinks(False)

        self.detailLayout.addWidget(self.detailBrowser)

        self.contactRow = QHBoxLayout()
        self.contactRow.setObjectName(u"contactRow")
        self.copyPhoneButton = QPushButton(self.detailPane)
        self.copyPhoneButton.setObjectName(u"copyPhoneButton")

        self.contactRow.addWidget(self.copyPhoneButton)

        self.copyEmailButton = QPushButton(self.detailPane)
        self.copyEmailButton.setObjectName(u"copyEmailButton")

        self.contactRow.addWidget(self.copyEmailButton)

        self.callButton = QPushButton(self.detailPane)
        self.callButton.setObjectName(u"callButton")

        self.contactRow.addWidget(self.callButton)

        self.mailButton = QPushButton(self.detailPane)
        self.mailButton.setObjectName(u"mailButton")

        self.contactRow.addWidget(self.mailButton)


        self.detailLayout.addLayout(self.contactRow)

        self.splitter.addWidget(self.detailPane)

        self.mainLayout.addWidget(self.splitter)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.themeLabel.setBuddy(self.themeFilter)
        self.publicLabel.setBuddy(self.publicFilter)
        self.sectorLabel.setBuddy(self.sectorFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.themeFilter)
        QWidget.setTabOrder(self.themeFilter, self.publicFilter)
        QWidget.setTabOrder(self.publicFilter, self.sectorFilter)
        QWidget.setTabOrder(self.sectorFilter, self.resultsView)
        QWidget.setTabOrder(self.resultsView, self.detailBrowser)
        QWidget.setTabOrder(self.detailBrowser, self.copyPhoneButton)
        QWidget.setTabOrder(self.copyPhoneButton, self.copyEmailButton)
        QWidget.setTabOrder(self.copyEmailButton, self.callButton)
        QWidget.setTabOrder(self.callButton, self.mailButton)

        self.retranslateUi(ProgrammesArea)

        QMetaObject.connectSlotsByName(ProgrammesArea)
    # setupUi

    def retranslateUi(self, ProgrammesArea):
        self.searchLabel.setText(QCoreApplication.translate("ProgrammesArea", u"&Rechercher :", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ProgrammesArea", u"Nom, th\u00e8me, public, contact\u2026 (accents et fautes de frappe tol\u00e9r\u00e9s)", None))
        self.themeLabel.setText(QCoreApplication.translate("ProgrammesArea", u"&Th\u00e9matique :", None))
#if QT_CONFIG(tooltip)
        self.themeFilter.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Ne montrer que les programmes de cette th\u00e9matique", None))
#endif // QT_CONFIG(tooltip)
        self.publicLabel.setText(QCoreApplication.translate("ProgrammesArea", u"P&ublic :", None))
#if QT_CONFIG(tooltip)
        self.publicFilter.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Ne montrer que les programmes pour ce public", None))
#endif // QT_CONFIG(tooltip)
        self.sectorLabel.setText(QCoreApplication.translate("ProgrammesArea", u"S&ecteur :", None))
#if QT_CONFIG(tooltip)
        self.sectorFilter.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Ne montrer que les programmes de ce secteur", None))
#endif // QT_CONFIG(tooltip)
        self.copyPhoneButton.setText(QCoreApplication.translate("ProgrammesArea", u"Copier le &num\u00e9ro", None))
#if QT_CONFIG(tooltip)
        self.copyPhoneButton.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Copier le num\u00e9ro du contact dans le presse-papiers", None))
#endif // QT_CONFIG(tooltip)
        self.copyEmailButton.setText(QCoreApplication.translate("ProgrammesArea", u"Copier le c&ourriel", None))
#if QT_CONFIG(tooltip)
        self.copyEmailButton.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Copier l\u2019adresse \u00e9lectronique du contact", None))
#endif // QT_CONFIG(tooltip)
        self.callButton.setText(QCoreApplication.translate("ProgrammesArea", u"A&ppeler", None))
#if QT_CONFIG(tooltip)
        self.callButton.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Ouvrir le num\u00e9ro avec le logiciel de t\u00e9l\u00e9phonie (tel:)", None))
#endif // QT_CONFIG(tooltip)
        self.mailButton.setText(QCoreApplication.translate("ProgrammesArea", u"\u00c9&crire", None))
#if QT_CONFIG(tooltip)
        self.mailButton.setToolTip(QCoreApplication.translate("ProgrammesArea", u"Pr\u00e9parer un courriel au contact (mailto:)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

