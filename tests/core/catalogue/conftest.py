from __future__ import annotations

import pytest

from acsrv_desktop.core.catalogue.service import CatalogueService


@pytest.fixture
def catalogue(database) -> CatalogueService:
    """The catalogue service on a database opened as the application does (catalogue loaded)."""
    return CatalogueService(database)
