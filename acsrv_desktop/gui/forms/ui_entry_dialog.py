# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'entry_dialog.ui'
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
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_EntryDialog(object):
    def setupUi(self, EntryDialog):
        if not EntryDialog.objectName():
            EntryDialog.setObjectName(u"EntryDialog")
        self.mainLayout = QVBoxLayout(EntryDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.tabs = QTabWidget(EntryDialog)
        self.tabs.setObjectName(u"tabs")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalLayout = QGridLayout(self.generalTab)
        self.generalLayout.setObjectName(u"generalLayout")
        self.nameLabel = QLabel(self.generalTab)
        self.nameLabel.setObjectName(u"nameLabel")

        self.generalLayout.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(self.generalTab)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(200)

        self.generalLayout.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.kindLabel = QLabel(self.generalTab)
        self.kindLabel.setObjectName(u"kindLabel")

        self.generalLayout.addWidget(self.kindLabel, 1, 0, 1, 1)

        self.kindCombo = QComboBox(self.generalTab)
        self.kindCombo.setObjectName(u"kindCombo")

        self.generalLayout.addWidget(self.kindCombo, 1, 1, 1, 1)

        self.parentLabel = QLabel(self.generalTab)
        self.parentLabel.setObjectName(u"parentLabel")

        self.generalLayout.addWidget(self.parentLabel, 2, 0, 1, 1)

        self.parentCombo = QComboBox(self.generalTab)
        self.parentCombo.setObjectName(u"parentCombo")

        self.generalLayout.addWidget(self.parentCombo, 2, 1, 1, 1)

        self.summaryLabel = QLabel(self.generalTab)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.generalLayout.addWidget(self.summaryLabel, 3, 0, 1, 1)

        self.summaryEdit = QPlainTextEdit(self.generalTab)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)
        self.summaryEdit.setMaximumSize(QSize(16777215, 70))

        self.generalLayout.addWidget(self.summaryEdit, 3, 1, 1, 1)

        self.descriptionLabel = QLabel(self.generalTab)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.generalLayout.addWidget(self.descriptionLabel, 4, 0, 1, 1)

        self.descriptionEdit = QPlainTextEdit(self.generalTab)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.generalLayout.addWidget(self.descriptionEdit, 4, 1, 1, 1)

        self.practicalLabel = QLabel(self.generalTab)
        self.practicalLabel.setObjectName(u"practicalLabel")

        self.generalLayout.addWidget(self.practicalLabel, 5, 0, 1, 1)

        self.practicalEdit = QPlainTextEdit(self.generalTab)
        self.practicalEdit.setObjectName(u"practicalEdit")
        self.practicalEdit.setTabChangesFocus(True)
        self.practicalEdit.setMaximumSize(QSize(16777215, 60))

        self.generalLayout.addWidget(self.practicalEdit, 5, 1, 1, 1)

        self.fundingLabel = QLabel(self.generalTab)
        self.fundingLabel.setObjectName(u"fundingLabel")

        self.generalLayout.addWidget(self.fundingLabel, 6, 0, 1, 1)

        self.fundingEdit = QLineEdit(self.generalTab)
        self.fundingEdit.setObjectName(u"fundingEdit")

        self.generalLayout.addWidget(self.fundingEdit, 6, 1, 1, 1)

        self.keywordsLabel = QLabel(self.generalTab)
        self.keywordsLabel.setObjectName(u"keywordsLabel")

        self.generalLayout.addWidget(self.keywordsLabel, 7, 0, 1, 1)

        self.keywordsEdit = QLineEdit(self.generalTab)
        self.keywordsEdit.setObjectName(u"keywordsEdit")

        self.generalLayout.addWidget(self.keywordsEdit, 7, 1, 1, 1)

        self.synonymsLabel = QLabel(self.generalTab)
        self.synonymsLabel.setObjectName(u"synonymsLabel")

        self.generalLayout.addWidget(self.synonymsLabel, 8, 0, 1, 1)

        self.synonymsEdit = QLineEdit(self.generalTab)
        self.synonymsEdit.setObjectName(u"synonymsEdit")

        self.generalLayout.addWidget(self.synonymsEdit, 8, 1, 1, 1)

        self.tabs.addTab(self.generalTab, "")
        self.placeTab = QWidget()
        self.placeTab.setObjectName(u"placeTab")
        self.placeLayout = QGridLayout(self.placeTab)
        self.placeLayout.setObjectName(u"placeLayout")
        self.placeHelp = QLabel(self.placeTab)
        self.placeHelp.setObjectName(u"placeHelp")
        self.placeHelp.setWordWrap(True)

        self.placeLayout.addWidget(self.placeHelp, 0, 0, 1, 2)

        self.openingHoursLabel = QLabel(self.placeTab)
        self.openingHoursLabel.setObjectName(u"openingHoursLabel")

        self.placeLayout.addWidget(self.openingHoursLabel, 1, 0, 1, 1)

        self.openingHoursEdit = QPlainTextEdit(self.placeTab)
        self.openingHoursEdit.setObjectName(u"openingHoursEdit")
        self.openingHoursEdit.setTabChangesFocus(True)
        self.openingHoursEdit.setMaximumSize(QSize(16777215, 90))

        self.placeLayout.addWidget(self.openingHoursEdit, 1, 1, 1, 1)

        self.addressLabel = QLabel(self.placeTab)
        self.addressLabel.setObjectName(u"addressLabel")

        self.placeLayout.addWidget(self.addressLabel, 2, 0, 1, 1)

        self.addressEdit = QLineEdit(self.placeTab)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaxLength(300)

        self.placeLayout.addWidget(self.addressEdit, 2, 1, 1, 1)

        self.documentsLabel = QLabel(self.placeTab)
        self.documentsLabel.setObjectName(u"documentsLabel")

        self.placeLayout.addWidget(self.documentsLabel, 3, 0, 1, 1)

        self.documentsEdit = QPlainTextEdit(self.placeTab)
        self.documentsEdit.setObjectName(u"documentsEdit")
        self.documentsEdit.setTabChangesFocus(True)
        self.documentsEdit.setMaximumSize(QSize(16777215, 120))

        self.placeLayout.addWidget(self.documentsEdit, 3, 1, 1, 1)

        self.placeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.placeLayout.addItem(self.placeSpacer, 4, 0, 1, 2)

        self.tabs.addTab(self.placeTab, "")
        self.audienceTab = QWidget()
        self.audienceTab.setObjectName(u"audienceTab")
        self.audienceLayout = QVBoxLayout(self.audienceTab)
        self.audienceLayout.setObjectName(u"audienceLayout")
        self.audienceForm = QGridLayout()
        self.audienceForm.setObjectName(u"audienceForm")
        self.ageMinLabel = QLabel(self.audienceTab)
        self.ageMinLabel.setObjectName(u"ageMinLabel")

        self.audienceForm.addWidget(self.ageMinLabel, 0, 0, 1, 1)

        self.ageMinSpin = QSpinBox(self.audienceTab)
        self.ageMinSpin.setObjectName(u"ageMinSpin")
        self.ageMinSpin.setMaximumSize(QSize(160, 16777215))
        self.ageMinSpin.setMinimum(-1)
        self.ageMinSpin.setMaximum(120)

        self.audienceForm.addWidget(self.ageMinSpin, 0, 1, 1, 1)

        self.ageMaxLabel = QLabel(self.audienceTab)
        self.ageMaxLabel.setObjectName(u"ageMaxLabel")

        self.audienceForm.addWidget(self.ageMaxLabel, 1, 0, 1, 1)

        self.ageMaxSpin = QSpinBox(self.audienceTab)
        self.ageMaxSpin.setObjectName(u"ageMaxSpin")
        self.ageMaxSpin.setMaximumSize(QSize(160, 16777215))
        self.ageMaxSpin.setMinimum(-1)
        self.ageMaxSpin.setMaximum(120)

        self.audienceForm.addWidget(self.ageMaxSpin, 1, 1, 1, 1)

        self.noteLabel = QLabel(self.audienceTab)
        self.noteLabel.setObjectName(u"noteLabel")

        self.audienceForm.addWidget(self.noteLabel, 2, 0, 1, 1)

        self.noteEdit = QLineEdit(self.audienceTab)
        self.noteEdit.setObjectName(u"noteEdit")

        self.audienceForm.addWidget(self.noteEdit, 2, 1, 1, 1)


        self.audienceLayout.addLayout(self.audienceForm)

        self.genderLayout = QHBoxLayout()
        self.genderLayout.setObjectName(u"genderLayout")
        self.genderLabel = QLabel(self.audienceTab)
        self.genderLabel.setObjectName(u"genderLabel")

        self.genderLayout.addWidget(self.genderLabel)

        self.womenCheck = QCheckBox(self.audienceTab)
        self.womenCheck.setObjectName(u"womenCheck")

        self.genderLayout.addWidget(self.womenCheck)

        self.menCheck = QCheckBox(self.audienceTab)
        self.menCheck.setObjectName(u"menCheck")

        self.genderLayout.addWidget(self.menCheck)

        self.otherCheck = QCheckBox(self.audienceTab)
        self.otherCheck.setObjectName(u"otherCheck")

        self.genderLayout.addWidget(self.otherCheck)

        self.genderSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.genderLayout.addItem(self.genderSpacer)


        self.audienceLayout.addLayout(self.genderLayout)

        self.residenceCheck = QCheckBox(self.audienceTab)
        self.residenceCheck.setObjectName(u"residenceCheck")

        self.audienceLayout.addWidget(self.residenceCheck)

        self.situationsLayout = QGridLayout()
        self.situationsLayout.setObjectName(u"situationsLayout")
        self.requiresAllLabel = QLabel(self.audienceTab)
        self.requiresAllLabel.setObjectName(u"requiresAllLabel")

        self.situationsLayout.addWidget(self.requiresAllLabel, 0, 0, 1, 1)

        self.requiresAnyLabel = QLabel(self.audienceTab)
        self.requiresAnyLabel.setObjectName(u"requiresAnyLabel")

        self.situationsLayout.addWidget(self.requiresAnyLabel, 0, 1, 1, 1)

        self.requiresAllList = QListWidget(self.audienceTab)
        self.requiresAllList.setObjectName(u"requiresAllList")

        self.situationsLayout.addWidget(self.requiresAllList, 1, 0, 1, 1)

        self.requiresAnyList = QListWidget(self.audienceTab)
        self.requiresAnyList.setObjectName(u"requiresAnyList")

        self.situationsLayout.addWidget(self.requiresAnyList, 1, 1, 1, 1)

        self.preferredLabel = QLabel(self.audienceTab)
        self.preferredLabel.setObjectName(u"preferredLabel")

        self.situationsLayout.addWidget(self.preferredLabel, 2, 0, 1, 1)

        self.sectorsLabel = QLabel(self.audienceTab)
        self.sectorsLabel.setObjectName(u"sectorsLabel")

        self.situationsLayout.addWidget(self.sectorsLabel, 2, 1, 1, 1)

        self.preferredList = QListWidget(self.audienceTab)
        self.preferredList.setObjectName(u"preferredList")

        self.situationsLayout.addWidget(self.preferredList, 3, 0, 1, 1)

        self.sectorsList = QListWidget(self.audienceTab)
        self.sectorsList.setObjectName(u"sectorsList")

        self.situationsLayout.addWidget(self.sectorsList, 3, 1, 1, 1)


        self.audienceLayout.addLayout(self.situationsLayout)

        self.tabs.addTab(self.audienceTab, "")
        self.themesTab = QWidget()
        self.themesTab.setObjectName(u"themesTab")
        self.themesLayout = QGridLayout(self.themesTab)
        self.themesLayout.setObjectName(u"themesLayout")
        self.themeFilterLabel = QLabel(self.themesTab)
        self.themeFilterLabel.setObjectName(u"themeFilterLabel")

        self.themesLayout.addWidget(self.themeFilterLabel, 0, 0, 1, 1)

        self.themeFilterEdit = QLineEdit(self.themesTab)
        self.themeFilterEdit.setObjectName(u"themeFilterEdit")
        self.themeFilterEdit.setClearButtonEnabled(True)

        self.themesLayout.addWidget(self.themeFilterEdit, 0, 1, 1, 1)

        self.publicsLabel = QLabel(self.themesTab)
        self.publicsLabel.setObjectName(u"publicsLabel")

        self.themesLayout.addWidget(self.publicsLabel, 0, 2, 1, 1)

        self.themesList = QListWidget(self.themesTab)
        self.themesList.setObjectName(u"themesList")

        self.themesLayout.addWidget(self.themesList, 1, 0, 1, 2)

        self.publicsList = QListWidget(self.themesTab)
        self.publicsList.setObjectName(u"publicsList")

        self.themesLayout.addWidget(self.publicsList, 1, 2, 1, 1)

        self.tabs.addTab(self.themesTab, "")
        self.contactsTab = QWidget()
        self.contactsTab.setObjectName(u"contactsTab")
        self.contactsLayout = QVBoxLayout(self.contactsTab)
        self.contactsLayout.setObjectName(u"contactsLayout")
        self.contactsHelp = QLabel(self.contactsTab)
        self.contactsHelp.setObjectName(u"contactsHelp")
        self.contactsHelp.setWordWrap(True)

        self.contactsLayout.addWidget(self.contactsHelp)

        self.contactsList = QListWidget(self.contactsTab)
        self.contactsList.setObjectName(u"contactsList")

        self.contactsLayout.addWidget(self.contactsList)

        self.tabs.addTab(self.contactsTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.errorLabel = QLabel(EntryDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(EntryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.parentLabel.setBuddy(self.parentCombo)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.practicalLabel.setBuddy(self.practicalEdit)
        self.fundingLabel.setBuddy(self.fundingEdit)
        self.keywordsLabel.setBuddy(self.keywordsEdit)
        self.synonymsLabel.setBuddy(self.synonymsEdit)
        self.openingHoursLabel.setBuddy(self.openingHoursEdit)
        self.addressLabel.setBuddy(self.addressEdit)
        self.documentsLabel.setBuddy(self.documentsEdit)
        self.ageMinLabel.setBuddy(self.ageMinSpin)
        self.ageMaxLabel.setBuddy(self.ageMaxSpin)
        self.noteLabel.setBuddy(self.noteEdit)
        self.requiresAllLabel.setBuddy(self.requiresAllList)
        self.requiresAnyLabel.setBuddy(self.requiresAnyList)
        self.preferredLabel.setBuddy(self.preferredList)
        self.sectorsLabel.setBuddy(self.sectorsList)
        self.themeFilterLabel.setBuddy(self.themeFilterEdit)
        self.publicsLabel.setBuddy(self.publicsList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.parentCombo)
        QWidget.setTabOrder(self.parentCombo, self.summaryEdit)
        QWidget.setTabOrder(self.summaryEdit, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.practicalEdit)
        QWidget.setTabOrder(self.practicalEdit, self.fundingEdit)
        QWidget.setTabOrder(self.fundingEdit, self.keywordsEdit)
        QWidget.setTabOrder(self.keywordsEdit, self.synonymsEdit)
        QWidget.setTabOrder(self.synonymsEdit, self.openingHoursEdit)
        QWidget.setTabOrder(self.openingHoursEdit, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.documentsEdit)
        QWidget.setTabOrder(self.documentsEdit, self.ageMinSpin)
        QWidget.setTabOrder(self.ageMinSpin, self.ageMaxSpin)
        QWidget.setTabOrder(self.ageMaxSpin, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.womenCheck)
        QWidget.setTabOrder(self.womenCheck, self.menCheck)
        QWidget.setTabOrder(self.menCheck, self.otherCheck)
        QWidget.setTabOrder(self.otherCheck, self.residenceCheck)
        QWidget.setTabOrder(self.residenceCheck, self.requiresAllList)
        QWidget.setTabOrder(self.requiresAllList, self.requiresAnyList)
        QWidget.setTabOrder(self.requiresAnyList, self.preferredList)
        QWidget.setTabOrder(self.preferredList, self.sectorsList)
        QWidget.setTabOrder(self.sectorsList, self.themeFilterEdit)
        QWidget.setTabOrder(self.themeFilterEdit, self.themesList)
        QWidget.setTabOrder(self.themesList, self.publicsList)
        QWidget.setTabOrder(self.publicsList, self.contactsList)

        self.retranslateUi(EntryDialog)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(EntryDialog)
    # setupUi

    def retranslateUi(self, EntryDialog):
        EntryDialog.setWindowTitle(QCoreApplication.translate("EntryDialog", u"Fiche du catalogue", None))
        self.nameLabel.setText(QCoreApplication.translate("EntryDialog", u"&Nom :", None))
        self.kindLabel.setText(QCoreApplication.translate("EntryDialog", u"T&ype :", None))
        self.parentLabel.setText(QCoreApplication.translate("EntryDialog", u"&Rattach\u00e9 \u00e0 :", None))
        self.summaryLabel.setText(QCoreApplication.translate("EntryDialog", u"R\u00e9s&um\u00e9 :", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"Une ou deux phrases : ce que la personne y trouve.", None))
        self.descriptionLabel.setText(QCoreApplication.translate("EntryDialog", u"&Pr\u00e9sentation :", None))
        self.practicalLabel.setText(QCoreApplication.translate("EntryDialog", u"En pr&atique :", None))
        self.practicalEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"Dur\u00e9e, rythme\u2026", None))
        self.fundingLabel.setText(QCoreApplication.translate("EntryDialog", u"&Financement :", None))
        self.keywordsLabel.setText(QCoreApplication.translate("EntryDialog", u"&Mots-cl\u00e9s :", None))
        self.keywordsEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"s\u00e9par\u00e9s par des virgules : sigle, autre nom\u2026", None))
        self.synonymsLabel.setText(QCoreApplication.translate("EntryDialog", u"&Synonymes :", None))
#if QT_CONFIG(tooltip)
        self.synonymsEdit.setToolTip(QCoreApplication.translate("EntryDialog", u"Les mots que les personnes disent \u00e0 l\u2019accueil pour cette fiche ; la recherche les trouve aussi (export\u00e9s dans x_acsrv).", None))
#endif // QT_CONFIG(tooltip)
        self.synonymsEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"les mots du public, s\u00e9par\u00e9s par des virgules : permis, CAF, aide aux devoirs\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.generalTab), QCoreApplication.translate("EntryDialog", u"G\u00e9n\u00e9ral", None))
        self.placeHelp.setText(QCoreApplication.translate("EntryDialog", u"Imprim\u00e9s sur la fiche d\u2019orientation remise \u00e0 la personne. Laissez vide ce que vous ne savez pas.", None))
        self.openingHoursLabel.setText(QCoreApplication.translate("EntryDialog", u"&Horaires d\u2019accueil :", None))
        self.openingHoursEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"Par exemple : lundi et jeudi, 9 h \u2013 12 h ; sur rendez-vous l\u2019apr\u00e8s-midi", None))
        self.addressLabel.setText(QCoreApplication.translate("EntryDialog", u"A&dresse du lieu :", None))
        self.addressEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"num\u00e9ro et rue, code postal et commune, sur une ligne", None))
        self.documentsLabel.setText(QCoreApplication.translate("EntryDialog", u"&Pi\u00e8ces \u00e0 apporter :", None))
        self.documentsEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"une pi\u00e8ce par ligne : pi\u00e8ce d\u2019identit\u00e9, justificatif de domicile\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.placeTab), QCoreApplication.translate("EntryDialog", u"Horaires, lieu, pi\u00e8ces", None))
        self.ageMinLabel.setText(QCoreApplication.translate("EntryDialog", u"\u00c2ge m&inimum :", None))
        self.ageMinSpin.setSpecialValueText(QCoreApplication.translate("EntryDialog", u"sans limite", None))
        self.ageMinSpin.setSuffix(QCoreApplication.translate("EntryDialog", u" ans", None))
        self.ageMaxLabel.setText(QCoreApplication.translate("EntryDialog", u"\u00c2ge ma&ximum :", None))
        self.ageMaxSpin.setSpecialValueText(QCoreApplication.translate("EntryDialog", u"sans limite", None))
        self.ageMaxSpin.setSuffix(QCoreApplication.translate("EntryDialog", u" ans", None))
        self.noteLabel.setText(QCoreApplication.translate("EntryDialog", u"&Public vis\u00e9 :", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("EntryDialog", u"ce que dit le programme de son public, en une phrase", None))
        self.genderLabel.setText(QCoreApplication.translate("EntryDialog", u"R\u00e9serv\u00e9 \u00e0 :", None))
        self.womenCheck.setText(QCoreApplication.translate("EntryDialog", u"&femmes", None))
        self.menCheck.setText(QCoreApplication.translate("EntryDialog", u"&hommes", None))
        self.otherCheck.setText(QCoreApplication.translate("EntryDialog", u"au&tres", None))
        self.residenceCheck.setText(QCoreApplication.translate("EntryDialog", u"R\u00e9serv\u00e9 aux habitants de l\u2019arrondissement de &Valenciennes", None))
        self.requiresAllLabel.setText(QCoreApplication.translate("EntryDialog", u"Situations &requises (toutes) :", None))
        self.requiresAnyLabel.setText(QCoreApplication.translate("EntryDialog", u"Au moins &une de :", None))
#if QT_CONFIG(tooltip)
        self.requiresAllList.setToolTip(QCoreApplication.translate("EntryDialog", u"La personne doit \u00eatre dans chacune de ces situations", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.requiresAnyList.setToolTip(QCoreApplication.translate("EntryDialog", u"La personne doit \u00eatre dans au moins une de ces situations", None))
#endif // QT_CONFIG(tooltip)
        self.preferredLabel.setText(QCoreApplication.translate("EntryDialog", u"Convient parti&culi\u00e8rement :", None))
        self.sectorsLabel.setText(QCoreApplication.translate("EntryDialog", u"&Secteurs (aucun coch\u00e9 : tous) :", None))
#if QT_CONFIG(tooltip)
        self.preferredList.setToolTip(QCoreApplication.translate("EntryDialog", u"Ces situations rendent le programme plus pertinent, sans \u00eatre exig\u00e9es", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.sectorsList.setToolTip(QCoreApplication.translate("EntryDialog", u"Secteurs o\u00f9 le programme a lieu (aucun coch\u00e9 : tous)", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.audienceTab), QCoreApplication.translate("EntryDialog", u"Public et conditions", None))
        self.themeFilterLabel.setText(QCoreApplication.translate("EntryDialog", u"&Chercher une th\u00e9matique :", None))
        self.publicsLabel.setText(QCoreApplication.translate("EntryDialog", u"P&ublics :", None))
#if QT_CONFIG(tooltip)
        self.themesList.setToolTip(QCoreApplication.translate("EntryDialog", u"Th\u00e9matiques data\u00b7inclusion (une cat\u00e9gorie couvre ses sous-th\u00e9matiques)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.publicsList.setToolTip(QCoreApplication.translate("EntryDialog", u"Publics data\u00b7inclusion", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.themesTab), QCoreApplication.translate("EntryDialog", u"Th\u00e9matiques et publics", None))
        self.contactsHelp.setText(QCoreApplication.translate("EntryDialog", u"Cochez les contacts du programme. Le premier coch\u00e9 est celui remis aux personnes (fiche d\u2019orientation).", None))
#if QT_CONFIG(tooltip)
        self.contactsList.setToolTip(QCoreApplication.translate("EntryDialog", u"Contacts du programme", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.contactsTab), QCoreApplication.translate("EntryDialog", u"Contacts", None))
    # retranslateUi

