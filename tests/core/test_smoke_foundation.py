from app.core.errors import AuthenticationError, PermissionDenied
from app.core.security import accounts


def test_office_cannot_list_accounts(login):
    with __import__("pytest").raises(PermissionDenied):
        accounts.list_accounts(login("office"))


def test_wrong_password_is_refused(workstation):
    with __import__("pytest").raises(AuthenticationError):
        workstation.unlock("office", "wrong-Password1")
