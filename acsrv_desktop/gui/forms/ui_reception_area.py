# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reception_area.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QRadioButton, QScrollArea,
    QSizePolicy, QSpacerItem, QTabWidget, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_ReceptionArea(object):
    def setupUi(self, ReceptionArea):
        if not ReceptionArea.objectName():
            ReceptionArea.setObjectName(u"ReceptionArea")
        self.mainLayout = QHBoxLayout(ReceptionArea)
        self.mainLayout.setObjectName(u"mainLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.personBox = QGroupBox(ReceptionArea)
        self.personBox.setObjectName(u"personBox")
        self.personLayout = QVBoxLayout(self.personBox)
        self.personLayout.setObjectName(u"personLayout")
        self.personSearchRow = QHBoxLayout()
        self.personSearchRow.setObjectName(u"personSearchRow")
        self.visitorSearchLabel = QLabel(self.personBox)
        self.visitorSearchLabel.setObjectName(u"visitorSearchLabel")

        self.personSearchRow.addWidget(self.visitorSearchLabel)

        self.visitorSearchEdit = QLineEdit(self.personBox)
        self.visitorSearchEdit.setObjectName(u"visitorSearchEdit")
        self.visitorSearchEdit.setClearButtonEnabled(True)

        self.personSearchRow.addWidget(self.visitorSearchEdit)

        self.newVisitorButton = QPushButton(self.personBox)
        self.newVisitorButton.setObjectName(u"newVisitorButton")

        self.personSearchRow.addWidget(self.newVisitorButton)

        self.anonymousCheck = QCheckBox(self.personBox)
        self.anonymousCheck.setObjectName(u"anonymousCheck")

        self.personSearchRow.addWidget(self.anonymousCheck)


        self.personLayout.addLayout(self.personSearchRow)

        self.visitorResultsView = QTableView(self.personBox)
        self.visitorResultsView.setObjectName(u"visitorResultsView")
        self.visitorResultsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visitorResultsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visitorResultsView.setMaximumSize(QSize(16777215, 150))

        self.personLayout.addWidget(self.visitorResultsView)

        self.profileScroll = QScrollArea(self.personBox)
        self.profileScroll.setObjectName(u"profileScroll")
        self.profileScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.profileScroll.setWidgetResizable(True)
        self.profileScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.profileWidget = QWidget()
        self.profileWidget.setObjectName(u"profileWidget")
        self.profileForm = QGridLayout(self.profileWidget)
        self.profileForm.setObjectName(u"profileForm")
        self.profileForm.setContentsMargins(0, 0, 0, 0)
        self.firstNameLabel = QLabel(self.profileWidget)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.profileForm.addWidget(self.firstNameLabel, 0, 0, 1, 1)

        self.firstNameEdit = QLineEdit(self.profileWidget)
        self.firstNameEdit.setObjectName(u"firstNameEdit")
        self.firstNameEdit.setMaxLength(100)

        self.profileForm.addWidget(self.firstNameEdit, 0, 1, 1, 1)

        self.lastNameLabel = QLabel(self.profileWidget)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.profileForm.addWidget(self.lastNameLabel, 0, 2, 1, 1)

        self.lastNameEdit = QLineEdit(self.profileWidget)
        self.lastNameEdit.setObjectName(u"lastNameEdit")
        self.lastNameEdit.setMaxLength(100)

        self.profileForm.addWidget(self.lastNameEdit, 0, 3, 1, 1)

        self.firstNameError = QLabel(self.profileWidget)
        self.firstNameError.setObjectName(u"firstNameError")
        self.firstNameError.setWordWrap(True)

        self.profileForm.addWidget(self.firstNameError, 1, 1, 1, 1)

        self.lastNameError = QLabel(self.profileWidget)
        self.lastNameError.setObjectName(u"lastNameError")
        self.lastNameError.setWordWrap(True)

        self.profileForm.addWidget(self.lastNameError, 1, 3, 1, 1)

        self.birthYearLabel = QLabel(self.profileWidget)
        self.birthYearLabel.setObjectName(u"birthYearLabel")

        self.profileForm.addWidget(self.birthYearLabel, 2, 0, 1, 1)

        self.birthYearEdit = QLineEdit(self.profileWidget)
        self.birthYearEdit.setObjectName(u"birthYearEdit")
        self.birthYearEdit.setMaxLength(4)
        self.birthYearEdit.setMaximumSize(QSize(120, 16777215))

        self.profileForm.addWidget(self.birthYearEdit, 2, 1, 1, 1)

        self.ageBracketLabel = QLabel(self.profileWidget)
        self.ageBracketLabel.setObjectName(u"ageBracketLabel")

        self.profileForm.addWidget(self.ageBracketLabel, 2, 2, 1, 1)

        self.ageBracketCombo = QComboBox(self.profileWidget)
        self.ageBracketCombo.setObjectName(u"ageBracketCombo")

        self.profileForm.addWidget(self.ageBracketCombo, 2, 3, 1, 1)

        self.birthYearError = QLabel(self.profileWidget)
        self.birthYearError.setObjectName(u"birthYearError")
        self.birthYearError.setWordWrap(True)

        self.profileForm.addWidget(self.birthYearError, 3, 1, 1, 3)

        self.genderLabel = QLabel(self.profileWidget)
        self.genderLabel.setObjectName(u"genderLabel")

        self.profileForm.addWidget(self.genderLabel, 4, 0, 1, 1)

        self.genderCombo = QComboBox(self.profileWidget)
        self.genderCombo.setObjectName(u"genderCombo")

        self.profileForm.addWidget(self.genderCombo, 4, 1, 1, 1)

        self.communeLabel = QLabel(self.profileWidget)
        self.communeLabel.setObjectName(u"communeLabel")

        self.profileForm.addWidget(self.communeLabel, 4, 2, 1, 1)

        self.communeEdit = QLineEdit(self.profileWidget)
        self.communeEdit.setObjectName(u"communeEdit")
        self.communeEdit.setMaxLength(120)

        self.profileForm.addWidget(self.communeEdit, 4, 3, 1, 1)

        self.situationsLabel = QLabel(self.profileWidget)
        self.situationsLabel.setObjectName(u"situationsLabel")

        self.profileForm.addWidget(self.situationsLabel, 5, 0, 1, 1)

        self.situationsButton = QPushButton(self.profileWidget)
        self.situationsButton.setObjectName(u"situationsButton")

        self.profileForm.addWidget(self.situationsButton, 5, 1, 1, 1)

        self.communeRow = QVBoxLayout()
        self.communeRow.setObjectName(u"communeRow")
        self.communeOutsideCheck = QCheckBox(self.profileWidget)
        self.communeOutsideCheck.setObjectName(u"communeOutsideCheck")

        self.communeRow.addWidget(self.communeOutsideCheck)

        self.communeError = QLabel(self.profileWidget)
        self.communeError.setObjectName(u"communeError")
        self.communeError.setWordWrap(True)

        self.communeRow.addWidget(self.communeError)


        self.profileForm.addLayout(self.communeRow, 5, 3, 1, 1)

        self.situationsPopup = QFrame(self.profileWidget)
        self.situationsPopup.setObjectName(u"situationsPopup")
        self.situationsPopup.setFrameShape(QFrame.Shape.StyledPanel)
        self.situationsGrid = QGridLayout(self.situationsPopup)
        self.situationsGrid.setObjectName(u"situationsGrid")
        self.situation_rsa = QCheckBox(self.situationsPopup)
        self.situation_rsa.setObjectName(u"situation_rsa")

        self.situationsGrid.addWidget(self.situation_rsa, 0, 0, 1, 1)

        self.situation_demandeur_emploi = QCheckBox(self.situationsPopup)
        self.situation_demandeur_emploi.setObjectName(u"situation_demandeur_emploi")

        self.situationsGrid.addWidget(self.situation_demandeur_emploi, 1, 0, 1, 1)

        self.situation_chomage_longue_duree = QCheckBox(self.situationsPopup)
        self.situation_chomage_longue_duree.setObjectName(u"situation_chomage_longue_duree")

        self.situationsGrid.addWidget(self.situation_chomage_longue_duree, 2, 0, 1, 1)

        self.situation_ni_emploi_ni_formation = QCheckBox(self.situationsPopup)
        self.situation_ni_emploi_ni_formation.setObjectName(u"situation_ni_emploi_ni_formation")

        self.situationsGrid.addWidget(self.situation_ni_emploi_ni_formation, 3, 0, 1, 1)

        self.situation_qpv = QCheckBox(self.situationsPopup)
        self.situation_qpv.setObjectName(u"situation_qpv")

        self.situationsGrid.addWidget(self.situation_qpv, 4, 0, 1, 1)

        self.situation_hors_radar = QCheckBox(self.situationsPopup)
        self.situation_hors_radar.setObjectName(u"situation_hors_radar")

        self.situationsGrid.addWidget(self.situation_hors_radar, 5, 0, 1, 1)

        self.situation_minima_sociaux = QCheckBox(self.situationsPopup)
        self.situation_minima_sociaux.setObjectName(u"situation_minima_sociaux")

        self.situationsGrid.addWidget(self.situation_minima_sociaux, 6, 0, 1, 1)

        self.situation_isole = QCheckBox(self.situationsPopup)
        self.situation_isole.setObjectName(u"situation_isole")

        self.situationsGrid.addWidget(self.situation_isole, 7, 0, 1, 1)

        self.situation_parent = QCheckBox(self.situationsPopup)
        self.situation_parent.setObjectName(u"situation_parent")

        self.situationsGrid.addWidget(self.situation_parent, 8, 0, 1, 1)

        self.situation_en_emploi = QCheckBox(self.situationsPopup)
        self.situation_en_emploi.setObjectName(u"situation_en_emploi")

        self.situationsGrid.addWidget(self.situation_en_emploi, 9, 0, 1, 1)


        self.profileForm.addWidget(self.situationsPopup, 6, 0, 1, 4)

        self.consentCheck = QCheckBox(self.profileWidget)
        self.consentCheck.setObjectName(u"consentCheck")

        self.profileForm.addWidget(self.consentCheck, 7, 0, 1, 4)

        self.duplicateLabel = QLabel(self.profileWidget)
        self.duplicateLabel.setObjectName(u"duplicateLabel")
        self.duplicateLabel.setWordWrap(True)

        self.profileForm.addWidget(self.duplicateLabel, 8, 0, 1, 4)

        self.recordButtons = QHBoxLayout()
        self.recordButtons.setObjectName(u"recordButtons")
        self.personDataButton = QPushButton(self.profileWidget)
        self.personDataButton.setObjectName(u"personDataButton")

        self.recordButtons.addWidget(self.personDataButton)

        self.correctRecordButton = QPushButton(self.profileWidget)
        self.correctRecordButton.setObjectName(u"correctRecordButton")

        self.recordButtons.addWidget(self.correctRecordButton)

        self.elsewhereButton = QPushButton(self.profileWidget)
        self.elsewhereButton.setObjectName(u"elsewhereButton")

        self.recordButtons.addWidget(self.elsewhereButton)

        self.recordButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recordButtons.addItem(self.recordButtonsSpacer)


        self.profileForm.addLayout(self.recordButtons, 9, 0, 1, 4)

        self.profileScroll.setWidget(self.profileWidget)

        self.personLayout.addWidget(self.profileScroll)


        self.leftColumn.addWidget(self.personBox)

        self.visitBox = QGroupBox(ReceptionArea)
        self.visitBox.setObjectName(u"visitBox")
        self.visitForm = QGridLayout(self.visitBox)
        self.visitForm.setObjectName(u"visitForm")
        self.occurredLabel = QLabel(self.visitBox)
        self.occurredLabel.setObjectName(u"occurredLabel")

        self.visitForm.addWidget(self.occurredLabel, 0, 0, 1, 1)

        self.occurredRow = QHBoxLayout()
        self.occurredRow.setObjectName(u"occurredRow")
        self.occurredEdit = QDateTimeEdit(self.visitBox)
        self.occurredEdit.setObjectName(u"occurredEdit")
        self.occurredEdit.setEnabled(False)
        self.occurredEdit.setCalendarPopup(True)

        self.occurredRow.addWidget(self.occurredEdit)

        self.occurredByHandCheck = QCheckBox(self.visitBox)
        self.occurredByHandCheck.setObjectName(u"occurredByHandCheck")

        self.occurredRow.addWidget(self.occurredByHandCheck)

        self.occurredSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.occurredRow.addItem(self.occurredSpacer)


        self.visitForm.addLayout(self.occurredRow, 0, 1, 1, 1)

        self.channelLabel = QLabel(self.visitBox)
        self.channelLabel.setObjectName(u"channelLabel")

        self.visitForm.addWidget(self.channelLabel, 1, 0, 1, 1)

        self.channelRow = QHBoxLayout()
        self.channelRow.setObjectName(u"channelRow")
        self.channelOnSite = QRadioButton(self.visitBox)
        self.channelOnSite.setObjectName(u"channelOnSite")
        self.channelOnSite.setChecked(True)

        self.channelRow.addWidget(self.channelOnSite)

        self.channelPhone = QRadioButton(self.visitBox)
        self.channelPhone.setObjectName(u"channelPhone")

        self.channelRow.addWidget(self.channelPhone)

        self.channelEmail = QRadioButton(self.visitBox)
        self.channelEmail.setObjectName(u"channelEmail")

        self.channelRow.addWidget(self.channelEmail)

        self.channelSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.channelRow.addItem(self.channelSpacer)


        self.visitForm.addLayout(self.channelRow, 1, 1, 1, 1)

        self.occurredError = QLabel(self.visitBox)
        self.occurredError.setObjectName(u"occurredError")
        self.occurredError.setWordWrap(True)

        self.visitForm.addWidget(self.occurredError, 2, 1, 1, 1)

        self.needButtonsWidget = QWidget(self.visitBox)
        self.needButtonsWidget.setObjectName(u"needButtonsWidget")

        self.visitForm.addWidget(self.needButtonsWidget, 4, 0, 1, 2)

        self.otherNeedLabel = QLabel(self.visitBox)
        self.otherNeedLabel.setObjectName(u"otherNeedLabel")

        self.visitForm.addWidget(self.otherNeedLabel, 5, 0, 1, 1)

        self.otherNeedEdit = QLineEdit(self.visitBox)
        self.otherNeedEdit.setObjectName(u"otherNeedEdit")

        self.visitForm.addWidget(self.otherNeedEdit, 5, 1, 1, 1)

        self.chosenNeedsLabel = QLabel(self.visitBox)
        self.chosenNeedsLabel.setObjectName(u"chosenNeedsLabel")
        self.chosenNeedsLabel.setWordWrap(True)

        self.visitForm.addWidget(self.chosenNeedsLabel, 6, 1, 1, 1)

        self.noteLabel = QLabel(self.visitBox)
        self.noteLabel.setObjectName(u"noteLabel")

        self.visitForm.addWidget(self.noteLabel, 7, 0, 1, 1)

        self.noteEdit = QPlainTextEdit(self.visitBox)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 48))

        self.visitForm.addWidget(self.noteEdit, 7, 1, 1, 1)

        self.noteError = QLabel(self.visitBox)
        self.noteError.setObjectName(u"noteError")
        self.noteError.setWordWrap(True)

        self.visitForm.addWidget(self.noteError, 8, 1, 1, 1)


        self.leftColumn.addWidget(self.visitBox)

        self.leftColumn.setStretch(0, 1)

        self.mainLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.sidePanels = QTabWidget(ReceptionArea)
        self.sidePanels.setObjectName(u"sidePanels")
        self.suggestionsBox = QWidget()
        self.suggestionsBox.setObjectName(u"suggestionsBox")
        self.suggestionsLayout = QVBoxLayout(self.suggestionsBox)
        self.suggestionsLayout.setObjectName(u"suggestionsLayout")
        self.suggestionsHelp = QLabel(self.suggestionsBox)
        self.suggestionsHelp.setObjectName(u"suggestionsHelp")
        self.suggestionsHelp.setWordWrap(True)

        self.suggestionsLayout.addWidget(self.suggestionsHelp)

        self.suggestionFilterRow = QHBoxLayout()
        self.suggestionFilterRow.setObjectName(u"suggestionFilterRow")
        self.suggestionFilterLabel = QLabel(self.suggestionsBox)
        self.suggestionFilterLabel.setObjectName(u"suggestionFilterLabel")

        self.suggestionFilterRow.addWidget(self.suggestionFilterLabel)

        self.suggestionFilterEdit = QLineEdit(self.suggestionsBox)
        self.suggestionFilterEdit.setObjectName(u"suggestionFilterEdit")
        self.suggestionFilterEdit.setClearButtonEnabled(True)

        self.suggestionFilterRow.addWidget(self.suggestionFilterEdit)


        self.suggestionsLayout.addLayout(self.suggestionFilterRow)

        self.suggestionsView = QTableView(self.suggestionsBox)
        self.suggestionsView.setObjectName(u"suggestionsView")
        self.suggestionsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestionsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestionsView.setWordWrap(True)

        self.suggestionsLayout.addWidget(self.suggestionsView)

        self.acceptBestRow = QHBoxLayout()
        self.acceptBestRow.setObjectName(u"acceptBestRow")
        self.acceptBestButton = QPushButton(self.suggestionsBox)
        self.acceptBestButton.setObjectName(u"acceptBestButton")

        self.acceptBestRow.addWidget(self.acceptBestButton)

        self.acceptBestSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.acceptBestRow.addItem(self.acceptBestSpacer)


        self.suggestionsLayout.addLayout(self.acceptBestRow)

        self.suggestionDetail = QTextBrowser(self.suggestionsBox)
        self.suggestionDetail.setObjectName(u"suggestionDetail")
        self.suggestionDetail.setMaximumSize(QSize(16777215, 130))
        self.suggestionDetail.setOpenLinks(False)

        self.suggestionsLayout.addWidget(self.suggestionDetail)

        self.sidePanels.addTab(self.suggestionsBox, "")
        self.todayBox = QWidget()
        self.todayBox.setObjectName(u"todayBox")
        self.todayLayout = QVBoxLayout(self.todayBox)
        self.todayLayout.setObjectName(u"todayLayout")
        self.countersLabel = QLabel(self.todayBox)
        self.countersLabel.setObjectName(u"countersLabel")
        self.countersLabel.setWordWrap(True)

        self.todayLayout.addWidget(self.countersLabel)

        self.todayHeader = QHBoxLayout()
        self.todayHeader.setObjectName(u"todayHeader")
        self.editVisitButton = QPushButton(self.todayBox)
        self.editVisitButton.setObjectName(u"editVisitButton")

        self.todayHeader.addWidget(self.editVisitButton)

        self.cancelVisitButton = QPushButton(self.todayBox)
        self.cancelVisitButton.setObjectName(u"cancelVisitButton")

        self.todayHeader.addWidget(self.cancelVisitButton)

        self.todaySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.todayHeader.addItem(self.todaySpacer)


        self.todayLayout.addLayout(self.todayHeader)

        self.todayView = QTableView(self.todayBox)
        self.todayView.setObjectName(u"todayView")
        self.todayView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.todayView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.todayView.setAlternatingRowColors(True)

        self.todayLayout.addWidget(self.todayView)

        self.sidePanels.addTab(self.todayBox, "")

        self.rightColumn.addWidget(self.sidePanels)

        self.statusLabel = QLabel(ReceptionArea)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.rightColumn.addWidget(self.statusLabel)

        self.actionsRow = QHBoxLayout()
        self.actionsRow.setObjectName(u"actionsRow")
        self.clearButton = QPushButton(ReceptionArea)
        self.clearButton.setObjectName(u"clearButton")

        self.actionsRow.addWidget(self.clearButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsRow.addItem(self.actionsSpacer)

        self.saveButton = QPushButton(ReceptionArea)
        self.saveButton.setObjectName(u"saveButton")

        self.actionsRow.addWidget(self.saveButton)


        self.rightColumn.addLayout(self.actionsRow)

        self.slipRow = QHBoxLayout()
        self.slipRow.setObjectName(u"slipRow")
        self.slipLabel = QLabel(ReceptionArea)
        self.slipLabel.setObjectName(u"slipLabel")

        self.slipRow.addWidget(self.slipLabel)

        self.slipSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.slipRow.addItem(self.slipSpacer)


        self.rightColumn.addLayout(self.slipRow)

        self.rightColumn.setStretch(0, 1)

        self.mainLayout.addLayout(self.rightColumn)

        self.mainLayout.setStretch(0, 3)
        self.mainLayout.setStretch(1, 2)
#if QT_CONFIG(shortcut)
        self.visitorSearchLabel.setBuddy(self.visitorSearchEdit)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.birthYearLabel.setBuddy(self.birthYearEdit)
        self.ageBracketLabel.setBuddy(self.ageBracketCombo)
        self.genderLabel.setBuddy(self.genderCombo)
        self.communeLabel.setBuddy(self.communeEdit)
        self.situationsLabel.setBuddy(self.situationsButton)
        self.occurredLabel.setBuddy(self.occurredByHandCheck)
        self.otherNeedLabel.setBuddy(self.otherNeedEdit)
        self.noteLabel.setBuddy(self.noteEdit)
        self.suggestionFilterLabel.setBuddy(self.suggestionFilterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.visitorSearchEdit, self.newVisitorButton)
        QWidget.setTabOrder(self.newVisitorButton, self.anonymousCheck)
        QWidget.setTabOrder(self.anonymousCheck, self.visitorResultsView)
        QWidget.setTabOrder(self.visitorResultsView, self.firstNameEdit)
        QWidget.setTabOrder(self.firstNameEdit, self.lastNameEdit)
        QWidget.setTabOrder(self.lastNameEdit, self.birthYearEdit)
        QWidget.setTabOrder(self.birthYearEdit, self.ageBracketCombo)
        QWidget.setTabOrder(self.ageBracketCombo, self.genderCombo)
        QWidget.setTabOrder(self.genderCombo, self.communeEdit)
        QWidget.setTabOrder(self.communeEdit, self.communeOutsideCheck)
        QWidget.setTabOrder(self.communeOutsideCheck, self.situationsButton)
        QWidget.setTabOrder(self.situationsButton, self.consentCheck)
        QWidget.setTabOrder(self.consentCheck, self.personDataButton)
        QWidget.setTabOrder(self.personDataButton, self.correctRecordButton)
        QWidget.setTabOrder(self.correctRecordButton, self.elsewhereButton)
        QWidget.setTabOrder(self.elsewhereButton, self.occurredByHandCheck)
        QWidget.setTabOrder(self.occurredByHandCheck, self.occurredEdit)
        QWidget.setTabOrder(self.occurredEdit, self.channelOnSite)
        QWidget.setTabOrder(self.channelOnSite, self.channelPhone)
        QWidget.setTabOrder(self.channelPhone, self.channelEmail)
        QWidget.setTabOrder(self.channelEmail, self.otherNeedEdit)
        QWidget.setTabOrder(self.otherNeedEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.suggestionFilterEdit)
        QWidget.setTabOrder(self.suggestionFilterEdit, self.suggestionsView)
        QWidget.setTabOrder(self.suggestionsView, self.acceptBestButton)
        QWidget.setTabOrder(self.acceptBestButton, self.suggestionDetail)
        QWidget.setTabOrder(self.suggestionDetail, self.clearButton)
        QWidget.setTabOrder(self.clearButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.editVisitButton)
        QWidget.setTabOrder(self.editVisitButton, self.cancelVisitButton)
        QWidget.setTabOrder(self.cancelVisitButton, self.todayView)

        self.retranslateUi(ReceptionArea)

        self.sidePanels.setCurrentIndex(0)
        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(ReceptionArea)
    # setupUi

    def retranslateUi(self, ReceptionArea):
        self.personBox.setTitle(QCoreApplication.translate("ReceptionArea", u"Personne", None))
        self.visitorSearchLabel.setText(QCoreApplication.translate("ReceptionArea", u"C&hercher une personne :", None))
        self.visitorSearchEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"quelques lettres du pr\u00e9nom ou du nom\u2026", None))
        self.newVisitorButton.setText(QCoreApplication.translate("ReceptionArea", u"&Nouvelle personne", None))
#if QT_CONFIG(tooltip)
        self.newVisitorButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Saisir une personne qui vient pour la premi\u00e8re fois", None))
#endif // QT_CONFIG(tooltip)
        self.anonymousCheck.setText(QCoreApplication.translate("ReceptionArea", u"Passage anon&yme", None))
#if QT_CONFIG(tooltip)
        self.anonymousCheck.setToolTip(QCoreApplication.translate("ReceptionArea", u"Aucune donn\u00e9e personnelle n\u2019est enregistr\u00e9e", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.visitorResultsView.setAccessibleName(QCoreApplication.translate("ReceptionArea", u"Personnes trouv\u00e9es", None))
#endif // QT_CONFIG(accessibility)
        self.firstNameLabel.setText(QCoreApplication.translate("ReceptionArea", u"&Pr\u00e9nom :", None))
        self.lastNameLabel.setText(QCoreApplication.translate("ReceptionArea", u"No&m :", None))
        self.birthYearLabel.setText(QCoreApplication.translate("ReceptionArea", u"Ann\u00e9e de nai&ssance :", None))
        self.birthYearEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"ex. 1987", None))
        self.ageBracketLabel.setText(QCoreApplication.translate("ReceptionArea", u"ou tran&che d\u2019\u00e2ge :", None))
        self.genderLabel.setText(QCoreApplication.translate("ReceptionArea", u"&Genre :", None))
        self.communeLabel.setText(QCoreApplication.translate("ReceptionArea", u"Comm&une :", None))
        self.communeEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"commune de r\u00e9sidence", None))
        self.situationsLabel.setText(QCoreApplication.translate("ReceptionArea", u"Situation :", None))
        self.situationsButton.setText(QCoreApplication.translate("ReceptionArea", u"aucune \u25be", None))
#if QT_CONFIG(tooltip)
        self.situationsButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Les situations de la personne (Espace ou \u2193 : la liste ; Espace : cocher ; \u00c9chap : fermer)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.communeOutsideCheck.setToolTip(QCoreApplication.translate("ReceptionArea", u"La commune tap\u00e9e n\u2019est pas dans la liste : la personne habite hors de l\u2019arrondissement de Valenciennes", None))
#endif // QT_CONFIG(tooltip)
        self.communeOutsideCheck.setText(QCoreApplication.translate("ReceptionArea", u"hors arrondissement", None))
        self.situation_rsa.setText(QCoreApplication.translate("ReceptionArea", u"rsa", None))
        self.situation_demandeur_emploi.setText(QCoreApplication.translate("ReceptionArea", u"demandeur emploi", None))
        self.situation_chomage_longue_duree.setText(QCoreApplication.translate("ReceptionArea", u"chomage longue duree", None))
        self.situation_ni_emploi_ni_formation.setText(QCoreApplication.translate("ReceptionArea", u"ni emploi ni formation", None))
        self.situation_qpv.setText(QCoreApplication.translate("ReceptionArea", u"qpv", None))
        self.situation_hors_radar.setText(QCoreApplication.translate("ReceptionArea", u"hors radar", None))
        self.situation_minima_sociaux.setText(QCoreApplication.translate("ReceptionArea", u"minima sociaux", None))
        self.situation_isole.setText(QCoreApplication.translate("ReceptionArea", u"isole", None))
        self.situation_parent.setText(QCoreApplication.translate("ReceptionArea", u"parent", None))
        self.situation_en_emploi.setText(QCoreApplication.translate("ReceptionArea", u"en-emploi", None))
        self.consentCheck.setText(QCoreApplication.translate("ReceptionArea", u"La personne accepte que ses coordonn\u00e9es soient conser&v\u00e9es", None))
        self.personDataButton.setText(QCoreApplication.translate("ReceptionArea", u"Donn\u00e9es de la personne\u2026  (Ctrl+D)", None))
#if QT_CONFIG(tooltip)
        self.personDataButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Tout ce qui est conserv\u00e9 sur la personne : l\u2019exporter (PDF, JSON) ou effacer la fiche", None))
#endif // QT_CONFIG(tooltip)
        self.correctRecordButton.setText(QCoreApplication.translate("ReceptionArea", u"Corriger la fiche  (Ctrl+Maj+S)", None))
#if QT_CONFIG(tooltip)
        self.correctRecordButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Enregistrer les changements de la fiche sans enregistrer de passage", None))
#endif // QT_CONFIG(tooltip)
        self.elsewhereButton.setText(QCoreApplication.translate("ReceptionArea", u"Autres centres\u2026", None))
#if QT_CONFIG(tooltip)
        self.elsewhereButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Chercher la personne (pr\u00e9nom et nom en entier) parmi celles venues seulement dans les autres centres de la f\u00e9d\u00e9ration  (Ctrl+Maj+H)", None))
#endif // QT_CONFIG(tooltip)
        self.visitBox.setTitle(QCoreApplication.translate("ReceptionArea", u"Passage et besoins", None))
        self.occurredLabel.setText(QCoreApplication.translate("ReceptionArea", u"Dat&e et heure :", None))
        self.occurredEdit.setDisplayFormat(QCoreApplication.translate("ReceptionArea", u"dd/MM/yyyy HH:mm", None))
#if QT_CONFIG(accessibility)
        self.occurredEdit.setAccessibleName(QCoreApplication.translate("ReceptionArea", u"Date et heure du passage", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.occurredByHandCheck.setToolTip(QCoreApplication.translate("ReceptionArea", u"Sans cette case, le passage prend l\u2019heure de son enregistrement", None))
#endif // QT_CONFIG(tooltip)
        self.occurredByHandCheck.setText(QCoreApplication.translate("ReceptionArea", u"passage ant\u00e9rieur : heure saisie \u00e0 la main", None))
        self.channelLabel.setText(QCoreApplication.translate("ReceptionArea", u"Canal :", None))
        self.channelOnSite.setText(QCoreApplication.translate("ReceptionArea", u"sur p&lace", None))
        self.channelPhone.setText(QCoreApplication.translate("ReceptionArea", u"&t\u00e9l\u00e9phone", None))
        self.channelEmail.setText(QCoreApplication.translate("ReceptionArea", u"courr&iel", None))
        self.otherNeedLabel.setText(QCoreApplication.translate("ReceptionArea", u"Autre &besoin :", None))
        self.otherNeedEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"taper un th\u00e8me (ex. logement, sant\u00e9, permis\u2026) puis Entr\u00e9e", None))
        self.noteLabel.setText(QCoreApplication.translate("ReceptionArea", u"Note :", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"Courte note. La personne peut demander \u00e0 la lire : elle fait partie de ses donn\u00e9es.", None))
        self.suggestionsHelp.setText(QCoreApplication.translate("ReceptionArea", u"Espace : retenir ou non la ligne. Celles qui ne conviennent pas sont en bas, avec la raison.", None))
        self.suggestionFilterLabel.setText(QCoreApplication.translate("ReceptionArea", u"Autre programme (Ctrl+K) :", None))
        self.suggestionFilterEdit.setPlaceholderText(QCoreApplication.translate("ReceptionArea", u"son nom ou son th\u00e8me", None))
#if QT_CONFIG(accessibility)
        self.suggestionsView.setAccessibleName(QCoreApplication.translate("ReceptionArea", u"Orientations propos\u00e9es", None))
#endif // QT_CONFIG(accessibility)
        self.acceptBestButton.setText(QCoreApplication.translate("ReceptionArea", u"Retenir la meilleure  (Ctrl+O)", None))
#if QT_CONFIG(tooltip)
        self.acceptBestButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Retenir la premi\u00e8re proposition qui convient et n\u2019est pas encore retenue", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.suggestionDetail.setAccessibleName(QCoreApplication.translate("ReceptionArea", u"D\u00e9tail de la proposition", None))
#endif // QT_CONFIG(accessibility)
        self.sidePanels.setTabText(self.sidePanels.indexOf(self.suggestionsBox), QCoreApplication.translate("ReceptionArea", u"Orientations propos\u00e9es  (Alt+O)", None))
        self.editVisitButton.setText(QCoreApplication.translate("ReceptionArea", u"Modifier\u2026  (F2)", None))
        self.cancelVisitButton.setText(QCoreApplication.translate("ReceptionArea", u"Annuler le passage  (Suppr)", None))
#if QT_CONFIG(accessibility)
        self.todayView.setAccessibleName(QCoreApplication.translate("ReceptionArea", u"Passages d\u2019aujourd\u2019hui", None))
#endif // QT_CONFIG(accessibility)
        self.sidePanels.setTabText(self.sidePanels.indexOf(self.todayBox), QCoreApplication.translate("ReceptionArea", u"Passages du jour  (Alt+J)", None))
        self.clearButton.setText(QCoreApplication.translate("ReceptionArea", u"Effacer le formulai&re", None))
#if QT_CONFIG(tooltip)
        self.clearButton.setToolTip(QCoreApplication.translate("ReceptionArea", u"Vider le formulaire pour la personne suivante (Ctrl+Z le r\u00e9tablit)", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("ReceptionArea", u"Enregistrer le passage  (Ctrl+Entr\u00e9e)", None))
        self.slipLabel.setText(QCoreApplication.translate("ReceptionArea", u"Fiche d\u2019orientation :", None))
        pass
    # retranslateUi

