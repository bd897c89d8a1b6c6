from __future__ import annotations

import pytest

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.service import CatalogueService

ADMIN = Actor.system("tests")


@pytest.fixture
def catalogue(database) -> CatalogueService:
    """The catalogue service on a database opened as the application does (catalogue loaded)."""
    return CatalogueService(database, ADMIN)
