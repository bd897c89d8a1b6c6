# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'theme_synonyms_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_ThemeSynonymsDialog(object):
    def setupUi(self, ThemeSynonymsDialog):
        if not ThemeSynonymsDialog.objectName():
            ThemeSynonymsDialog.setObjectName(u"ThemeSynonymsDialog")
        self.mainLayout = QVBoxLayout(ThemeSynonymsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(ThemeSynonymsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterLabel = QLabel(ThemeSynonymsDialog)
        self.filterLabel.setObjectName(u"filterLabel")

        self.filterLayout.addWidget(self.filterLabel)

        self.filterEdit = QLineEdit(ThemeSynonymsDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.filterEdit)


        self.mainLayout.addLayout(self.filterLayout)

        self.wordsView = QTableView(ThemeSynonymsDialog)
        self.wordsView.setObjectName(u"wordsView")
        self.wordsView.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed|QAbstractItemView.EditTrigger.DoubleClicked|QAbstractItemView.EditTrigger.EditKeyPressed)
        self.wordsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.wordsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.wordsView.setWordWrap(True)

        self.mainLayout.addWidget(self.wordsView)

        self.errorLabel = QLabel(ThemeSynonymsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ThemeSynonymsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filterEdit, self.wordsView)

        self.retranslateUi(ThemeSynonymsDialog)

        QMetaObject.connectSlotsByName(ThemeSynonymsDialog)
    # setupUi

    def retranslateUi(self, ThemeSynonymsDialog):
        ThemeSynonymsDialog.setWindowTitle(QCoreApplication.translate("ThemeSynonymsDialog", u"Synonymes des th\u00e9matiques", None))
        self.introLabel.setText(QCoreApplication.translate("ThemeSynonymsDialog", u"Les mots du public pour chaque th\u00e9matique (\u00ab permis \u00bb pour la mobilit\u00e9) : la recherche des programmes les trouve aussi. S\u00e9parez-les par des virgules ; F2 ou une lettre pour modifier une ligne.", None))
        self.filterLabel.setText(QCoreApplication.translate("ThemeSynonymsDialog", u"Fi&ltrer :", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("ThemeSynonymsDialog", u"une th\u00e9matique ou un mot", None))
    # retranslateUi

