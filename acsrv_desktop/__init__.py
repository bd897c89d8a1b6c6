"""acsrv-desktop — poste d'accueil des centres sociaux de l'ACSRV."""

__version__ = "0.1.0"

APP_NAME = "acsrv-desktop"
APP_DISPLAY_NAME = "ACSRV — Accueil"
ORGANISATION_NAME = "ACSRV"
