"""The "Accueil" area: log a visit in seconds and route the visitor."""
