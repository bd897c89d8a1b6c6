# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QMenu,
    QMenuBar, QSizePolicy, QStatusBar, QTabWidget,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1100, 720)
        MainWindow.setMinimumSize(QSize(800, 560))
        self.actionPreferences = QAction(MainWindow)
        self.actionPreferences.setObjectName(u"actionPreferences")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionShowAccueil = QAction(MainWindow)
        self.actionShowAccueil.setObjectName(u"actionShowAccueil")
        self.actionShowProgrammes = QAction(MainWindow)
        self.actionShowProgrammes.setObjectName(u"actionShowProgrammes")
        self.actionShowOrientations = QAction(MainWindow)
        self.actionShowOrientations.setObjectName(u"actionShowOrientations")
        self.actionShowFrequentation = QAction(MainWindow)
        self.actionShowFrequentation.setObjectName(u"actionShowFrequentation")
        self.actionShowAdministration = QAction(MainWindow)
        self.actionShowAdministration.setObjectName(u"actionShowAdministration")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.areaTabs = QTabWidget(self.centralWidget)
        self.areaTabs.setObjectName(u"areaTabs")
        self.areaTabs.setDocumentMode(True)
        self.pageAccueil = QWidget()
        self.pageAccueil.setObjectName(u"pageAccueil")
        self.layoutAccueil = QVBoxLayout(self.pageAccueil)
        self.layoutAccueil.setObjectName(u"layoutAccueil")
        self.placeholderAccueil = QLabel(self.pageAccueil)
        self.placeholderAccueil.setObjectName(u"placeholderAccueil")
        self.placeholderAccueil.setTextFormat(Qt.TextFormat.RichText)
        self.placeholderAccueil.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.placeholderAccueil.setWordWrap(True)
        self.placeholderAccueil.setMargin(12)

        self.layoutAccueil.addWidget(self.placeholderAccueil)

        self.areaTabs.addTab(self.pageAccueil, "")
        self.pageProgrammes = QWidget()
        self.pageProgrammes.setObjectName(u"pageProgrammes")
        self.layoutProgrammes = QVBoxLayout(self.pageProgrammes)
        self.layoutProgrammes.setObjectName(u"layoutProgrammes")
        self.placeholderProgrammes = QLabel(self.pageProgrammes)
        self.placeholderProgrammes.setObjectName(u"placeholderProgrammes")
        self.placeholderProgrammes.setTextFormat(Qt.TextFormat.RichText)
        self.placeholderProgrammes.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.placeholderProgrammes.setWordWrap(True)
        self.placeholderProgrammes.setMargin(12)

        self.layoutProgrammes.addWidget(self.placeholderProgrammes)

        self.areaTabs.addTab(self.pageProgrammes, "")
        self.pageOrientations = QWidget()
        self.pageOrientations.setObjectName(u"pageOrientations")
        self.layoutOrientations = QVBoxLayout(self.pageOrientations)
        self.layoutOrientations.setObjectName(u"layoutOrientations")
        self.placeholderOrientations = QLabel(self.pageOrientations)
        self.placeholderOrientations.setObjectName(u"placeholderOrientations")
        self.placeholderOrientations.setTextFormat(Qt.TextFormat.RichText)
        self.placeholderOrientations.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.placeholderOrientations.setWordWrap(True)
        self.placeholderOrientations.setMargin(12)

        self.layoutOrientations.addWidget(self.placeholderOrientations)

        self.areaTabs.addTab(self.pageOrientations, "")
        self.pageFrequentation = QWidget()
        self.pageFrequentation.setObjectName(u"pageFrequentation")
        self.layoutFrequentation = QVBoxLayout(self.pageFrequentation)
        self.layoutFrequentation.setObjectName(u"layoutFrequentation")
        self.placeholderFrequentation = QLabel(self.pageFrequentation)
        self.placeholderFrequentation.setObjectName(u"placeholderFrequentation")
        self.placeholderFrequentation.setTextFormat(Qt.TextFormat.RichText)
        self.placeholderFrequentation.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.placeholderFrequentation.setWordWrap(True)
        self.placeholderFrequentation.setMargin(12)

        self.layoutFrequentation.addWidget(self.placeholderFrequentation)

        self.areaTabs.addTab(self.pageFrequentation, "")
        self.pageAdministration = QWidget()
        self.pageAdministration.setObjectName(u"pageAdministration")
        self.layoutAdministration = QVBoxLayout(self.pageAdministration)
        self.layoutAdministration.setObjectName(u"layoutAdministration")
        self.placeholderAdministration = QLabel(self.pageAdministration)
        self.placeholderAdministration.setObjectName(u"placeholderAdministration")
        self.placeholderAdministration.setTextFormat(Qt.TextFormat.RichText)
        self.placeholderAdministration.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.placeholderAdministration.setWordWrap(True)
        self.placeholderAdministration.setMargin(12)

        self.layoutAdministration.addWidget(self.placeholderAdministration)

        self.areaTabs.addTab(self.pageAdministration, "")

        self.centralLayout.addWidget(self.areaTabs)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuView = QMenu(self.menuBar)
        self.menuView.setObjectName(u"menuView")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuView.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionPreferences)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuView.addAction(self.actionShowAccueil)
        self.menuView.addAction(self.actionShowProgrammes)
        self.menuView.addAction(self.actionShowOrientations)
        self.menuView.addAction(self.actionShowFrequentation)
        self.menuView.addAction(self.actionShowAdministration)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        self.areaTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"ACSRV \u2014 Accueil", None))
        self.actionPreferences.setText(QCoreApplication.translate("MainWindow", u"&Pr\u00e9f\u00e9rences du poste\u2026", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quitter", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowAccueil.setText(QCoreApplication.translate("MainWindow", u"Accueil", None))
#if QT_CONFIG(shortcut)
        self.actionShowAccueil.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+1", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowProgrammes.setText(QCoreApplication.translate("MainWindow", u"Programmes", None))
#if QT_CONFIG(shortcut)
        self.actionShowProgrammes.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+2", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowOrientations.setText(QCoreApplication.translate("MainWindow", u"Orientations", None))
#if QT_CONFIG(shortcut)
        self.actionShowOrientations.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+3", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowFrequentation.setText(QCoreApplication.translate("MainWindow", u"Fr\u00e9quentation", None))
#if QT_CONFIG(shortcut)
        self.actionShowFrequentation.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+4", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowAdministration.setText(QCoreApplication.translate("MainWindow", u"Administration", None))
#if QT_CONFIG(shortcut)
        self.actionShowAdministration.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+5", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"\u00c0 &propos d'acsrv-desktop", None))
        self.placeholderAccueil.setText(QCoreApplication.translate("MainWindow", u"<h2>Accueil</h2><p>Enregistrer un passage (sur place, par t\u00e9l\u00e9phone ou par courriel), retrouver une personne d\u00e9j\u00e0 venue et l\u2019orienter vers le bon programme.</p><p><i>Cet espace sera disponible dans une prochaine version.</i></p>", None))
        self.areaTabs.setTabText(self.areaTabs.indexOf(self.pageAccueil), QCoreApplication.translate("MainWindow", u"Accueil", None))
#if QT_CONFIG(tooltip)
        self.areaTabs.setTabToolTip(self.areaTabs.indexOf(self.pageAccueil), QCoreApplication.translate("MainWindow", u"Accueil (Ctrl+1)", None))
#endif // QT_CONFIG(tooltip)
        self.placeholderProgrammes.setText(QCoreApplication.translate("MainWindow", u"<h2>Programmes</h2><p>Rechercher dans le catalogue des programmes, actions et services de la f\u00e9d\u00e9ration, avec leurs contacts.</p><p><i>Cet espace sera disponible dans une prochaine version.</i></p>", None))
        self.areaTabs.setTabText(self.areaTabs.indexOf(self.pageProgrammes), QCoreApplication.translate("MainWindow", u"Programmes", None))
#if QT_CONFIG(tooltip)
        self.areaTabs.setTabToolTip(self.areaTabs.indexOf(self.pageProgrammes), QCoreApplication.translate("MainWindow", u"Programmes (Ctrl+2)", None))
#endif // QT_CONFIG(tooltip)
        self.placeholderOrientations.setText(QCoreApplication.translate("MainWindow", u"<h2>Orientations</h2><p>Suivre les orientations propos\u00e9es aux personnes : contact pris, accept\u00e9e, refus\u00e9e, termin\u00e9e.</p><p><i>Cet espace sera disponible dans une prochaine version.</i></p>", None))
        self.areaTabs.setTabText(self.areaTabs.indexOf(self.pageOrientations), QCoreApplication.translate("MainWindow", u"Orientations", None))
#if QT_CONFIG(tooltip)
        self.areaTabs.setTabToolTip(self.areaTabs.indexOf(self.pageOrientations), QCoreApplication.translate("MainWindow", u"Orientations (Ctrl+3)", None))
#endif // QT_CONFIG(tooltip)
        self.placeholderFrequentation.setText(QCoreApplication.translate("MainWindow", u"<h2>Fr\u00e9quentation</h2><p>Chiffres du mois, graphiques et exports pour le bureau et les financeurs (CAF, D\u00e9partement, FSE).</p><p><i>Cet espace sera disponible dans une prochaine version.</i></p>", None))
        self.areaTabs.setTabText(self.areaTabs.indexOf(self.pageFrequentation), QCoreApplication.translate("MainWindow", u"Fr\u00e9quentation", None))
#if QT_CONFIG(tooltip)
        self.areaTabs.setTabToolTip(self.areaTabs.indexOf(self.pageFrequentation), QCoreApplication.translate("MainWindow", u"Fr\u00e9quentation (Ctrl+4)", None))
#endif // QT_CONFIG(tooltip)
        self.placeholderAdministration.setText(QCoreApplication.translate("MainWindow", u"<h2>Administration</h2><p>Catalogue, centres, comptes du personnel, conservation des donn\u00e9es et sauvegardes.</p><p><i>Cet espace sera disponible dans une prochaine version.</i></p>", None))
        self.areaTabs.setTabText(self.areaTabs.indexOf(self.pageAdministration), QCoreApplication.translate("MainWindow", u"Administration", None))
#if QT_CONFIG(tooltip)
        self.areaTabs.setTabToolTip(self.areaTabs.indexOf(self.pageAdministration), QCoreApplication.translate("MainWindow", u"Administration (Ctrl+5)", None))
#endif // QT_CONFIG(tooltip)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&Fichier", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"&Affichage", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"Ai&de", None))
    # retranslateUi

