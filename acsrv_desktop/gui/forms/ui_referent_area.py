# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'referent_area.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ReferentArea(object):
    def setupUi(self, ReferentArea):
        if not ReferentArea.objectName():
            ReferentArea.setObjectName(u"ReferentArea")
        self.mainLayout = QVBoxLayout(ReferentArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.programmesLabel = QLabel(ReferentArea)
        self.programmesLabel.setObjectName(u"programmesLabel")
        self.programmesLabel.setWordWrap(True)
        self.programmesLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.headerRow.addWidget(self.programmesLabel)

        self.countLabel = QLabel(ReferentArea)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.headerRow.addWidget(self.countLabel)

        self.refreshButton = QPushButton(ReferentArea)
        self.refreshButton.setObjectName(u"refreshButton")

        self.headerRow.addWidget(self.refreshButton)

        self.headerRow.setStretch(0, 1)

        self.mainLayout.addLayout(self.headerRow)

        self.referralsView = QTableView(ReferentArea)
        self.referralsView.setObjectName(u"referralsView")
        self.referralsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referralsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referralsView.setAlternatingRowColors(True)
        self.referralsView.setSortingEnabled(False)
        self.referralsView.setTabKeyNavigation(False)

        self.mainLayout.addWidget(self.referralsView)

        self.detailLabel = QLabel(ReferentArea)
        self.detailLabel.setObjectName(u"detailLabel")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.detailLabel)

        self.actionsRow = QHBoxLayout()
        self.actionsRow.setObjectName(u"actionsRow")
        self.contactButton = QPushButton(ReferentArea)
        self.contactButton.setObjectName(u"contactButton")

        self.actionsRow.addWidget(self.contactButton)

        self.acceptButton = QPushButton(ReferentArea)
        self.acceptButton.setObjectName(u"acceptButton")

        self.actionsRow.addWidget(self.acceptButton)

        self.refuseButton = QPushButton(ReferentArea)
        self.refuseButton.setObjectName(u"refuseButton")

        self.actionsRow.addWidget(self.refuseButton)

        self.finishButton = QPushButton(ReferentArea)
        self.finishButton.setObjectName(u"finishButton")

        self.actionsRow.addWidget(self.finishButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsRow.addItem(self.actionsSpacer)


        self.mainLayout.addLayout(self.actionsRow)

        self.mainLayout.setStretch(1, 1)
        QWidget.setTabOrder(self.referralsView, self.contactButton)
        QWidget.setTabOrder(self.contactButton, self.acceptButton)
        QWidget.setTabOrder(self.acceptButton, self.refuseButton)
        QWidget.setTabOrder(self.refuseButton, self.finishButton)
        QWidget.setTabOrder(self.finishButton, self.refreshButton)

        self.retranslateUi(ReferentArea)

        QMetaObject.connectSlotsByName(ReferentArea)
    # setupUi

    def retranslateUi(self, ReferentArea):
        self.refreshButton.setText(QCoreApplication.translate("ReferentArea", u"Actu&aliser", None))
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("ReferentArea", u"Lire \u00e0 nouveau les orientations re\u00e7ues (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.contactButton.setText(QCoreApplication.translate("ReferentArea", u"Contact pr&is", None))
#if QT_CONFIG(tooltip)
        self.contactButton.setToolTip(QCoreApplication.translate("ReferentArea", u"Vous avez pris contact avec la personne", None))
#endif // QT_CONFIG(tooltip)
        self.acceptButton.setText(QCoreApplication.translate("ReferentArea", u"Acc&ept\u00e9e", None))
#if QT_CONFIG(tooltip)
        self.acceptButton.setToolTip(QCoreApplication.translate("ReferentArea", u"La personne est accept\u00e9e dans le programme", None))
#endif // QT_CONFIG(tooltip)
        self.refuseButton.setText(QCoreApplication.translate("ReferentArea", u"Ref&us\u00e9e\u2026", None))
#if QT_CONFIG(tooltip)
        self.refuseButton.setToolTip(QCoreApplication.translate("ReferentArea", u"Refus\u00e9e, avec la raison", None))
#endif // QT_CONFIG(tooltip)
        self.finishButton.setText(QCoreApplication.translate("ReferentArea", u"&Termin\u00e9e", None))
#if QT_CONFIG(tooltip)
        self.finishButton.setToolTip(QCoreApplication.translate("ReferentArea", u"Le parcours dans le programme est termin\u00e9", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

