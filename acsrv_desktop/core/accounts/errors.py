"""The errors of sign-in and of the account forms, apart from the accounts service: the
sign-in dialog shows them without importing the service (and SQLAlchemy with it), so that it
is painted before the database is opened."""

from __future__ import annotations

from acsrv_desktop.core.errors import UserFacingError

WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."


class SignInError(UserFacingError):
    """Sign-in or unlocking refused (the message says why, without telling which logins exist)."""


class AccountError(UserFacingError):
    """An account form that cannot be saved; ``field`` names the field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
