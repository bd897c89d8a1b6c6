# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'attendance_area.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_AttendanceArea(object):
    def setupUi(self, AttendanceArea):
        if not AttendanceArea.objectName():
            AttendanceArea.setObjectName(u"AttendanceArea")
        self.mainLayout = QVBoxLayout(AttendanceArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.periodLabel = QLabel(AttendanceArea)
        self.periodLabel.setObjectName(u"periodLabel")

        self.filterRow.addWidget(self.periodLabel)

        self.periodCombo = QComboBox(AttendanceArea)
        self.periodCombo.addItem("")
        self.periodCombo.addItem("")
        self.periodCombo.addItem("")
        self.periodCombo.addItem("")
        self.periodCombo.setObjectName(u"periodCombo")

        self.filterRow.addWidget(self.periodCombo)

        self.monthLabel = QLabel(AttendanceArea)
        self.monthLabel.setObjectName(u"monthLabel")

        self.filterRow.addWidget(self.monthLabel)

        self.monthEdit = QDateEdit(AttendanceArea)
        self.monthEdit.setObjectName(u"monthEdit")
        self.monthEdit.setCalendarPopup(True)

        self.filterRow.addWidget(self.monthEdit)

        self.endLabel = QLabel(AttendanceArea)
        self.endLabel.setObjectName(u"endLabel")

        self.filterRow.addWidget(self.endLabel)

        self.endEdit = QDateEdit(AttendanceArea)
        self.endEdit.setObjectName(u"endEdit")
        self.endEdit.setCalendarPopup(True)

        self.filterRow.addWidget(self.endEdit)

        self.centreLabel = QLabel(AttendanceArea)
        self.centreLabel.setObjectName(u"centreLabel")

        self.filterRow.addWidget(self.centreLabel)

        self.centreCombo = QComboBox(AttendanceArea)
        self.centreCombo.setObjectName(u"centreCombo")

        self.filterRow.addWidget(self.centreCombo)

        self.busyLabel = QLabel(AttendanceArea)
        self.busyLabel.setObjectName(u"busyLabel")

        self.filterRow.addWidget(self.busyLabel)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)

        self.historyButton = QPushButton(AttendanceArea)
        self.historyButton.setObjectName(u"historyButton")

        self.filterRow.addWidget(self.historyButton)

        self.xlsxButton = QPushButton(AttendanceArea)
        self.xlsxButton.setObjectName(u"xlsxButton")

        self.filterRow.addWidget(self.xlsxButton)

        self.csvButton = QPushButton(AttendanceArea)
        self.csvButton.setObjectName(u"csvButton")

        self.filterRow.addWidget(self.csvButton)

        self.pdfButton = QPushButton(AttendanceArea)
        self.pdfButton.setObjectName(u"pdfButton")

        self.filterRow.addWidget(self.pdfButton)


        self.mainLayout.addLayout(self.filterRow)

        self.keyNumbersLabel = QLabel(AttendanceArea)
        self.keyNumbersLabel.setObjectName(u"keyNumbersLabel")
        self.keyNumbersLabel.setTextFormat(Qt.TextFormat.RichText)
        self.keyNumbersLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.keyNumbersLabel)

        self.splitter = QSplitter(AttendanceArea)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.chartTabs = QTabWidget(self.splitter)
        self.chartTabs.setObjectName(u"chartTabs")
        self.splitter.addWidget(self.chartTabs)
        self.tablePane = QWidget(self.splitter)
        self.tablePane.setObjectName(u"tablePane")
        self.tableLayout = QVBoxLayout(self.tablePane)
        self.tableLayout.setObjectName(u"tableLayout")
        self.tableLayout.setContentsMargins(0, 0, 0, 0)
        self.tableRow = QHBoxLayout()
        self.tableRow.setObjectName(u"tableRow")
        self.tableLabel = QLabel(self.tablePane)
        self.tableLabel.setObjectName(u"tableLabel")

        self.tableRow.addWidget(self.tableLabel)

        self.tableCombo = QComboBox(self.tablePane)
        self.tableCombo.setObjectName(u"tableCombo")

        self.tableRow.addWidget(self.tableCombo)

        self.tableSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.tableRow.addItem(self.tableSpacer)


        self.tableLayout.addLayout(self.tableRow)

        self.tableView = QTableView(self.tablePane)
        self.tableView.setObjectName(u"tableView")
        self.tableView.setAlternatingRowColors(True)
        self.tableView.setTabKeyNavigation(False)
        self.tableView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tableView.setWordWrap(True)

        self.tableLayout.addWidget(self.tableView)

        self.splitter.addWidget(self.tablePane)

        self.mainLayout.addWidget(self.splitter)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.periodLabel.setBuddy(self.periodCombo)
        self.monthLabel.setBuddy(self.monthEdit)
        self.endLabel.setBuddy(self.endEdit)
        self.centreLabel.setBuddy(self.centreCombo)
        self.tableLabel.setBuddy(self.tableCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.periodCombo, self.monthEdit)
        QWidget.setTabOrder(self.monthEdit, self.endEdit)
        QWidget.setTabOrder(self.endEdit, self.centreCombo)
        QWidget.setTabOrder(self.centreCombo, self.xlsxButton)
        QWidget.setTabOrder(self.xlsxButton, self.csvButton)
        QWidget.setTabOrder(self.csvButton, self.pdfButton)
        QWidget.setTabOrder(self.pdfButton, self.chartTabs)
        QWidget.setTabOrder(self.chartTabs, self.tableCombo)
        QWidget.setTabOrder(self.tableCombo, self.tableView)

        self.retranslateUi(AttendanceArea)

        self.chartTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(AttendanceArea)
    # setupUi

    def retranslateUi(self, AttendanceArea):
        self.periodLabel.setText(QCoreApplication.translate("AttendanceArea", u"P\u00e9&riode :", None))
        self.periodCombo.setItemText(0, QCoreApplication.translate("AttendanceArea", u"Mois", None))
        self.periodCombo.setItemText(1, QCoreApplication.translate("AttendanceArea", u"Trimestre", None))
        self.periodCombo.setItemText(2, QCoreApplication.translate("AttendanceArea", u"Ann\u00e9e", None))
        self.periodCombo.setItemText(3, QCoreApplication.translate("AttendanceArea", u"Jours choisis", None))

        self.monthLabel.setText(QCoreApplication.translate("AttendanceArea", u"&Mois :", None))
        self.monthEdit.setDisplayFormat(QCoreApplication.translate("AttendanceArea", u"MMMM yyyy", None))
        self.endLabel.setText(QCoreApplication.translate("AttendanceArea", u"jus&qu\u2019au :", None))
        self.endEdit.setDisplayFormat(QCoreApplication.translate("AttendanceArea", u"dd/MM/yyyy", None))
        self.centreLabel.setText(QCoreApplication.translate("AttendanceArea", u"&Centre :", None))
        self.historyButton.setText(QCoreApplication.translate("AttendanceArea", u"&Historique des passages\u2026", None))
#if QT_CONFIG(tooltip)
        self.historyButton.setToolTip(QCoreApplication.translate("AttendanceArea", u"Tous les passages, du plus r\u00e9cent au plus ancien (charg\u00e9s au fil du d\u00e9filement)", None))
#endif // QT_CONFIG(tooltip)
        self.xlsxButton.setText(QCoreApplication.translate("AttendanceArea", u"E&xcel\u2026", None))
#if QT_CONFIG(tooltip)
        self.xlsxButton.setToolTip(QCoreApplication.translate("AttendanceArea", u"Classeur XLSX : synth\u00e8se et une feuille par tableau", None))
#endif // QT_CONFIG(tooltip)
        self.csvButton.setText(QCoreApplication.translate("AttendanceArea", u"CS&V\u2026", None))
#if QT_CONFIG(tooltip)
        self.csvButton.setToolTip(QCoreApplication.translate("AttendanceArea", u"Fichiers CSV pour Excel (point-virgule, UTF-8), dans un .zip", None))
#endif // QT_CONFIG(tooltip)
        self.pdfButton.setText(QCoreApplication.translate("AttendanceArea", u"&PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.pdfButton.setToolTip(QCoreApplication.translate("AttendanceArea", u"Rapport PDF : chiffres cl\u00e9s, tous les tableaux et les graphiques", None))
#endif // QT_CONFIG(tooltip)
        self.tableLabel.setText(QCoreApplication.translate("AttendanceArea", u"&Tableau :", None))
        pass
    # retranslateUi

