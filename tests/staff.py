"""The staff accounts the tests make, on both backends.

On SQLite the first administrator is made by the set-up wizard (``create_first_administrator``);
on the server by ``server init``, before the tests: the ``database`` fixture signs in as that
administration login (``database_actor``), which makes the test's own administrator here with
the accounts' own path (``acsrv_account_create``), as Administration › Comptes does.
"""

from __future__ import annotations

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService


def first_administrator(
    accounts: AccountService, signed_in: Actor | None, login: str, name: str, password: str
) -> Actor:
    """The administrator ``login``, signed in, whatever the backend."""
    if accounts.db.is_sqlite:
        return accounts.create_first_administrator(login, name, password, None)
    assert signed_in is not None, "the server's first administrator signs in first"
    accounts.create(signed_in, AccountInput(login, name, Role.ADMINISTRATION, None), password)
    return accounts.sign_in(login, password)
