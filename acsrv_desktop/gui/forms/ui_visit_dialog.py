# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'visit_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QDialog, QDialogButtonBox, QGridLayout,
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_VisitDialog(object):
    def setupUi(self, VisitDialog):
        if not VisitDialog.objectName():
            VisitDialog.setObjectName(u"VisitDialog")
        self.mainLayout = QVBoxLayout(VisitDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.whoLabel = QLabel(VisitDialog)
        self.whoLabel.setObjectName(u"whoLabel")
        self.whoLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.whoLabel)

        self.formLayout = QGridLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.channelLabel = QLabel(VisitDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.formLayout.addWidget(self.channelLabel, 0, 0, 1, 1)

        self.channelCombo = QComboBox(VisitDialog)
        self.channelCombo.setObjectName(u"channelCombo")

        self.formLayout.addWidget(self.channelCombo, 0, 1, 1, 1)

        self.occurredLabel = QLabel(VisitDialog)
        self.occurredLabel.setObjectName(u"occurredLabel")

        self.formLayout.addWidget(self.occurredLabel, 4, 0, 1, 1)

        self.occurredRow = QHBoxLayout()
        self.occurredRow.setObjectName(u"occurredRow")
        self.occurredEdit = QDateTimeEdit(VisitDialog)
        self.occurredEdit.setObjectName(u"occurredEdit")
        self.occurredEdit.setEnabled(False)
        self.occurredEdit.setCalendarPopup(True)

        self.occurredRow.addWidget(self.occurredEdit)

        self.occurredChangeCheck = QCheckBox(VisitDialog)
        self.occurredChangeCheck.setObjectName(u"occurredChangeCheck")

        self.occurredRow.addWidget(self.occurredChangeCheck)


        self.formLayout.addLayout(self.occurredRow, 4, 1, 1, 1)

        self.needsLabel = QLabel(VisitDialog)
        self.needsLabel.setObjectName(u"needsLabel")

        self.formLayout.addWidget(self.needsLabel, 2, 0, 1, 1)

        self.needsList = QListWidget(VisitDialog)
        self.needsList.setObjectName(u"needsList")

        self.formLayout.addWidget(self.needsList, 2, 1, 1, 1)

        self.noteLabel = QLabel(VisitDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.formLayout.addWidget(self.noteLabel, 3, 0, 1, 1)

        self.noteEdit = QPlainTextEdit(VisitDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.formLayout.addWidget(self.noteEdit, 3, 1, 1, 1)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(VisitDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(VisitDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.channelLabel.setBuddy(self.channelCombo)
        self.needsLabel.setBuddy(self.needsList)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.channelCombo, self.needsList)
        QWidget.setTabOrder(self.needsList, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.occurredChangeCheck)
        QWidget.setTabOrder(self.occurredChangeCheck, self.occurredEdit)

        self.retranslateUi(VisitDialog)

        QMetaObject.connectSlotsByName(VisitDialog)
    # setupUi

    def retranslateUi(self, VisitDialog):
        VisitDialog.setWindowTitle(QCoreApplication.translate("VisitDialog", u"Modifier le passage", None))
        self.channelLabel.setText(QCoreApplication.translate("VisitDialog", u"&Canal :", None))
        self.occurredLabel.setText(QCoreApplication.translate("VisitDialog", u"Date et heure :", None))
        self.occurredEdit.setDisplayFormat(QCoreApplication.translate("VisitDialog", u"dd/MM/yyyy HH:mm", None))
        self.occurredChangeCheck.setText(QCoreApplication.translate("VisitDialog", u"Changer la &date ou l\u2019heure", None))
        self.needsLabel.setText(QCoreApplication.translate("VisitDialog", u"&Besoins :", None))
        self.noteLabel.setText(QCoreApplication.translate("VisitDialog", u"&Note :", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"La personne peut demander \u00e0 lire cette note.", None))
    # retranslateUi

