"""The Qt-free core: models, database, migrations and services shared by the CLI and the GUI."""
