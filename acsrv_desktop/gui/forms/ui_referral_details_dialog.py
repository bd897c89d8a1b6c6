# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'referral_details_dialog.ui'
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
    QDialog, QDialogButtonBox, QGridLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReferralDetailsDialog(object):
    def setupUi(self, ReferralDetailsDialog):
        if not ReferralDetailsDialog.objectName():
            ReferralDetailsDialog.setObjectName(u"ReferralDetailsDialog")
        self.mainLayout = QVBoxLayout(ReferralDetailsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.aboutLabel = QLabel(ReferralDetailsDialog)
        self.aboutLabel.setObjectName(u"aboutLabel")
        self.aboutLabel.setWordWrap(True)
        self.aboutLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.aboutLabel)

        self.consentCheck = QCheckBox(ReferralDetailsDialog)
        self.consentCheck.setObjectName(u"consentCheck")

        self.mainLayout.addWidget(self.consentCheck)

        self.formLayout = QGridLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.preferenceLabel = QLabel(ReferralDetailsDialog)
        self.preferenceLabel.setObjectName(u"preferenceLabel")

        self.formLayout.addWidget(self.preferenceLabel, 0, 0, 1, 1)

        self.preferenceCombo = QComboBox(ReferralDetailsDialog)
        self.preferenceCombo.setObjectName(u"preferenceCombo")

        self.formLayout.addWidget(self.preferenceCombo, 0, 1, 1, 1)

        self.phoneLabel = QLabel(ReferralDetailsDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.addWidget(self.phoneLabel, 1, 0, 1, 1)

        self.phoneEdit = QLineEdit(ReferralDetailsDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.formLayout.addWidget(self.phoneEdit, 1, 1, 1, 1)

        self.emailLabel = QLabel(ReferralDetailsDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.addWidget(self.emailLabel, 2, 0, 1, 1)

        self.emailEdit = QLineEdit(ReferralDetailsDialog)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(200)

        self.formLayout.addWidget(self.emailEdit, 2, 1, 1, 1)

        self.availabilityLabel = QLabel(ReferralDetailsDialog)
        self.availabilityLabel.setObjectName(u"availabilityLabel")

        self.formLayout.addWidget(self.availabilityLabel, 3, 0, 1, 1)

        self.availabilityEdit = QLineEdit(ReferralDetailsDialog)
        self.availabilityEdit.setObjectName(u"availabilityEdit")
        self.availabilityEdit.setMaxLength(200)

        self.formLayout.addWidget(self.availabilityEdit, 3, 1, 1, 1)

        self.messageLabel = QLabel(ReferralDetailsDialog)
        self.messageLabel.setObjectName(u"messageLabel")

        self.formLayout.addWidget(self.messageLabel, 4, 0, 1, 1)

        self.messageEdit = QLineEdit(ReferralDetailsDialog)
        self.messageEdit.setObjectName(u"messageEdit")
        self.messageEdit.setMaxLength(500)

        self.formLayout.addWidget(self.messageEdit, 4, 1, 1, 1)

        self.formLayout.setColumnStretch(1, 1)

        self.mainLayout.addLayout(self.formLayout)

        self.hintLabel = QLabel(ReferralDetailsDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(ReferralDetailsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ReferralDetailsDialog)
        self.buttonBox.setObjectName(u"buttonBox")

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.preferenceLabel.setBuddy(self.preferenceCombo)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.availabilityLabel.setBuddy(self.availabilityEdit)
        self.messageLabel.setBuddy(self.messageEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.consentCheck, self.preferenceCombo)
        QWidget.setTabOrder(self.preferenceCombo, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.availabilityEdit)
        QWidget.setTabOrder(self.availabilityEdit, self.messageEdit)

        self.retranslateUi(ReferralDetailsDialog)

        QMetaObject.connectSlotsByName(ReferralDetailsDialog)
    # setupUi

    def retranslateUi(self, ReferralDetailsDialog):
        ReferralDetailsDialog.setWindowTitle(QCoreApplication.translate("ReferralDetailsDialog", u"Pour le contact du programme", None))
        self.consentCheck.setText(QCoreApplication.translate("ReferralDetailsDialog", u"La personne &accepte que ces informations soient transmises au contact du programme", None))
        self.preferenceLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"&Pr\u00e9f\u00e9rence de contact :", None))
        self.phoneLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"&T\u00e9l\u00e9phone :", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("ReferralDetailsDialog", u"par exemple 06 12 34 56 78", None))
        self.emailLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"C&ourriel :", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("ReferralDetailsDialog", u"par exemple prenom.nom@exemple.fr", None))
        self.availabilityLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"&Disponibilit\u00e9s :", None))
        self.availabilityEdit.setPlaceholderText(QCoreApplication.translate("ReferralDetailsDialog", u"par exemple le matin, sauf le mercredi", None))
        self.messageLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"&Message au contact :", None))
        self.messageEdit.setPlaceholderText(QCoreApplication.translate("ReferralDetailsDialog", u"quelques mots pour le contact du programme", None))
        self.hintLabel.setText(QCoreApplication.translate("ReferralDetailsDialog", u"Tout est facultatif. Sans l\u2019accord de la personne, rien de ceci n\u2019est transmis ni gard\u00e9 : seule l\u2019orientation est enregistr\u00e9e. Le message vaut pour ce programme seulement.", None))
    # retranslateUi

