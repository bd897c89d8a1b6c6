# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'orientations_area.ui'
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
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_OrientationsArea(object):
    def setupUi(self, OrientationsArea):
        if not OrientationsArea.objectName():
            OrientationsArea.setObjectName(u"OrientationsArea")
        self.mainLayout = QVBoxLayout(OrientationsArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filterGrid = QGridLayout()
        self.filterGrid.setObjectName(u"filterGrid")
        self.statusLabel = QLabel(OrientationsArea)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterGrid.addWidget(self.statusLabel, 0, 0, 1, 1)

        self.statusFilter = QComboBox(OrientationsArea)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filterGrid.addWidget(self.statusFilter, 0, 1, 1, 1)

        self.programmeLabel = QLabel(OrientationsArea)
        self.programmeLabel.setObjectName(u"programmeLabel")

        self.filterGrid.addWidget(self.programmeLabel, 0, 2, 1, 1)

        self.programmeFilter = QComboBox(OrientationsArea)
        self.programmeFilter.setObjectName(u"programmeFilter")

        self.filterGrid.addWidget(self.programmeFilter, 0, 3, 1, 1)

        self.centreLabel = QLabel(OrientationsArea)
        self.centreLabel.setObjectName(u"centreLabel")

        self.filterGrid.addWidget(self.centreLabel, 0, 4, 1, 1)

        self.centreFilter = QComboBox(OrientationsArea)
        self.centreFilter.setObjectName(u"centreFilter")

        self.filterGrid.addWidget(self.centreFilter, 0, 5, 1, 1)

        self.fromLabel = QLabel(OrientationsArea)
        self.fromLabel.setObjectName(u"fromLabel")

        self.filterGrid.addWidget(self.fromLabel, 1, 0, 1, 1)

        self.fromDate = QDateEdit(OrientationsArea)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)

        self.filterGrid.addWidget(self.fromDate, 1, 1, 1, 1, Qt.AlignmentFlag.AlignLeft)

        self.toLabel = QLabel(OrientationsArea)
        self.toLabel.setObjectName(u"toLabel")

        self.filterGrid.addWidget(self.toLabel, 1, 2, 1, 1)

        self.toDate = QDateEdit(OrientationsArea)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)

        self.filterGrid.addWidget(self.toDate, 1, 3, 1, 1, Qt.AlignmentFlag.AlignLeft)

        self.referenceLabel = QLabel(OrientationsArea)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.filterGrid.addWidget(self.referenceLabel, 1, 4, 1, 1)

        self.referenceEdit = QLineEdit(OrientationsArea)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setClearButtonEnabled(True)

        self.filterGrid.addWidget(self.referenceEdit, 1, 5, 1, 1)

        self.countLabel = QLabel(OrientationsArea)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.filterGrid.addWidget(self.countLabel, 1, 6, 1, 1)

        self.filterGrid.setColumnStretch(6, 1)

        self.mainLayout.addLayout(self.filterGrid)

        self.referralsView = QTableView(OrientationsArea)
        self.referralsView.setObjectName(u"referralsView")
        self.referralsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referralsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referralsView.setAlternatingRowColors(True)
        self.referralsView.setSortingEnabled(True)
        self.referralsView.setTabKeyNavigation(False)

        self.mainLayout.addWidget(self.referralsView)

        self.detailLabel = QLabel(OrientationsArea)
        self.detailLabel.setObjectName(u"detailLabel")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.detailLabel)

        self.actionsRow = QHBoxLayout()
        self.actionsRow.setObjectName(u"actionsRow")
        self.contactButton = QPushButton(OrientationsArea)
        self.contactButton.setObjectName(u"contactButton")

        self.actionsRow.addWidget(self.contactButton)

        self.acceptButton = QPushButton(OrientationsArea)
        self.acceptButton.setObjectName(u"acceptButton")

        self.actionsRow.addWidget(self.acceptButton)

        self.refuseButton = QPushButton(OrientationsArea)
        self.refuseButton.setObjectName(u"refuseButton")

        self.actionsRow.addWidget(self.refuseButton)

        self.finishButton = QPushButton(OrientationsArea)
        self.finishButton.setObjectName(u"finishButton")

        self.actionsRow.addWidget(self.finishButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsRow.addItem(self.actionsSpacer)

        self.slipButton = QPushButton(OrientationsArea)
        self.slipButton.setObjectName(u"slipButton")

        self.actionsRow.addWidget(self.slipButton)

        self.mailButton = QPushButton(OrientationsArea)
        self.mailButton.setObjectName(u"mailButton")

        self.actionsRow.addWidget(self.mailButton)


        self.mainLayout.addLayout(self.actionsRow)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.statusLabel.setBuddy(self.statusFilter)
        self.programmeLabel.setBuddy(self.programmeFilter)
        self.centreLabel.setBuddy(self.centreFilter)
        self.fromLabel.setBuddy(self.fromDate)
        self.toLabel.setBuddy(self.toDate)
        self.referenceLabel.setBuddy(self.referenceEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.statusFilter, self.programmeFilter)
        QWidget.setTabOrder(self.programmeFilter, self.centreFilter)
        QWidget.setTabOrder(self.centreFilter, self.fromDate)
        QWidget.setTabOrder(self.fromDate, self.toDate)
        QWidget.setTabOrder(self.toDate, self.referenceEdit)
        QWidget.setTabOrder(self.referenceEdit, self.referralsView)
        QWidget.setTabOrder(self.referralsView, self.contactButton)
        QWidget.setTabOrder(self.contactButton, self.acceptButton)
        QWidget.setTabOrder(self.acceptButton, self.refuseButton)
        QWidget.setTabOrder(self.refuseButton, self.finishButton)
        QWidget.setTabOrder(self.finishButton, self.slipButton)
        QWidget.setTabOrder(self.slipButton, self.mailButton)

        self.retranslateUi(OrientationsArea)

        QMetaObject.connectSlotsByName(OrientationsArea)
    # setupUi

    def retranslateUi(self, OrientationsArea):
        self.statusLabel.setText(QCoreApplication.translate("OrientationsArea", u"&Statut :", None))
        self.programmeLabel.setText(QCoreApplication.translate("OrientationsArea", u"&Programme :", None))
        self.centreLabel.setText(QCoreApplication.translate("OrientationsArea", u"&Centre :", None))
        self.fromLabel.setText(QCoreApplication.translate("OrientationsArea", u"P\u00e9&riode du :", None))
        self.fromDate.setDisplayFormat(QCoreApplication.translate("OrientationsArea", u"dd/MM/yyyy", None))
        self.toLabel.setText(QCoreApplication.translate("OrientationsArea", u"&jusqu\u2019au :", None))
        self.toDate.setDisplayFormat(QCoreApplication.translate("OrientationsArea", u"dd/MM/yyyy", None))
        self.referenceLabel.setText(QCoreApplication.translate("OrientationsArea", u"R\u00e9f\u00e9re&nce :", None))
        self.referenceEdit.setPlaceholderText(QCoreApplication.translate("OrientationsArea", u"ex. K7MX-4PRA", None))
#if QT_CONFIG(tooltip)
        self.referenceEdit.setToolTip(QCoreApplication.translate("OrientationsArea", u"La r\u00e9f\u00e9rence d\u2019une orientation, lue au t\u00e9l\u00e9phone : elle est retrouv\u00e9e quelle que soit la p\u00e9riode ou le statut", None))
#endif // QT_CONFIG(tooltip)
        self.contactButton.setText(QCoreApplication.translate("OrientationsArea", u"Contact pr&is", None))
#if QT_CONFIG(tooltip)
        self.contactButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"L\u2019orientation a \u00e9t\u00e9 transmise au contact", None))
#endif // QT_CONFIG(tooltip)
        self.acceptButton.setText(QCoreApplication.translate("OrientationsArea", u"Acc&ept\u00e9e", None))
#if QT_CONFIG(tooltip)
        self.acceptButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"La personne est accept\u00e9e dans le programme", None))
#endif // QT_CONFIG(tooltip)
        self.refuseButton.setText(QCoreApplication.translate("OrientationsArea", u"Ref&us\u00e9e\u2026", None))
#if QT_CONFIG(tooltip)
        self.refuseButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"Refus\u00e9e, avec la raison", None))
#endif // QT_CONFIG(tooltip)
        self.finishButton.setText(QCoreApplication.translate("OrientationsArea", u"&Termin\u00e9e", None))
#if QT_CONFIG(tooltip)
        self.finishButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"Le parcours dans le programme est termin\u00e9", None))
#endif // QT_CONFIG(tooltip)
        self.slipButton.setText(QCoreApplication.translate("OrientationsArea", u"Fic&he en PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.slipButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"La fiche d\u2019orientation de la personne, en PDF", None))
#endif // QT_CONFIG(tooltip)
        self.mailButton.setText(QCoreApplication.translate("OrientationsArea", u"\u00c9crire au c&ontact", None))
#if QT_CONFIG(tooltip)
        self.mailButton.setToolTip(QCoreApplication.translate("OrientationsArea", u"Courriel pr\u00e9par\u00e9 au contact (avec l\u2019accord de la personne)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

