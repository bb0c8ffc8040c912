from io import StringIO

from django.core.management import CommandError, call_command

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User

pytestmark = pytest.mark.django_db


def _create_demo_accounts() -> str:
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def test_demo_staff_get_the_authenticator_secret_that_is_printed_with_their_password(settings):
    settings.DEBUG = True

    output = _create_demo_accounts()

    staff = [account for account in DEMO_ACCOUNTS if account.group]
    assert len(staff) == 3
    for account in staff:
        authenticator = Authenticator.objects.get(user__email=account.email, type=Authenticator.Type.TOTP)
        assert decrypt(authenticator.data["secret"]) == account.totp_secret
        assert account.password in output
        assert f"TOTP secret {account.totp_secret}" in output


def test_the_demo_learner_has_no_authenticator(settings):
    settings.DEBUG = True

    _create_demo_accounts()

    assert not Authenticator.objects.filter(user__email="larande@example.com").exists()


def test_creating_the_demo_accounts_twice_changes_nothing(settings):
    settings.DEBUG = True
    _create_demo_accounts()

    output = _create_demo_accounts()

    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert Authenticator.objects.count() == 3
    assert "created" not in output


def test_demo_accounts_are_refused_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        _create_demo_accounts()

    assert not User.objects.exists()
