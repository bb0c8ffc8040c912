"""Inactive learner accounts are flagged after INACTIVE_ACCOUNT_DAYS; a command lists them and,
once confirmed, erases their personal data."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from accounts.models import User
from accounts.services import flag_inactive_accounts, flagged_accounts
from certificates.models import Certificate
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_ago(settings):
    settings.INACTIVE_ACCOUNT_DAYS = 30
    return timezone.now() - timedelta(days=31)


def _command(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_an_account_unused_for_the_period_is_flagged(long_ago):
    idle = UserFactory(last_login=long_ago)
    never_signed_in = UserFactory(date_joined=long_ago, last_login=None)
    active = UserFactory(last_login=timezone.now())

    result = flag_inactive_accounts()

    assert result.flagged == 2
    assert set(User.objects.filter(flagged_inactive_at__isnull=False)) == {idle, never_signed_in}
    assert active not in flagged_accounts()


def test_staff_accounts_are_never_flagged(long_ago):
    UserFactory(last_login=long_ago, is_staff=True)
    UserFactory(last_login=long_ago, is_superuser=True)

    assert flag_inactive_accounts().flagged == 0


def test_flagging_twice_keeps_the_first_time(long_ago):
    user = UserFactory(last_login=long_ago)
    flag_inactive_accounts(now=timezone.now() - timedelta(hours=1))
    first = User.objects.get(pk=user.pk).flagged_inactive_at

    assert flag_inactive_accounts().flagged == 0
    assert User.objects.get(pk=user.pk).flagged_inactive_at == first


def test_signing_in_clears_the_flag(client, long_ago):
    user = UserFactory(last_login=long_ago)
    flag_inactive_accounts()

    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})

    assert User.objects.get(pk=user.pk).flagged_inactive_at is None


def test_the_period_comes_from_the_settings(settings):
    user = UserFactory(last_login=timezone.now() - timedelta(days=100))
    settings.INACTIVE_ACCOUNT_DAYS = 365
    assert flag_inactive_accounts().flagged == 0

    settings.INACTIVE_ACCOUNT_DAYS = 99
    assert flag_inactive_accounts().flagged == 1
    assert User.objects.get(pk=user.pk).flagged_inactive_at is not None


def test_the_command_lists_flagged_accounts_and_changes_nothing_without_confirmation(long_ago):
    user = UserFactory(last_login=long_ago)
    _command("flag_inactive_accounts")

    output = _command("anonymise_inactive_accounts")

    assert user.email in output
    assert "confirm with --yes" in output
    assert User.objects.filter(pk=user.pk).exists()


def test_the_command_asks_and_a_no_changes_nothing(long_ago, monkeypatch):
    user = UserFactory(last_login=long_ago)
    _command("flag_inactive_accounts")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    assert "Nothing anonymised" in _command("anonymise_inactive_accounts")
    assert User.objects.filter(pk=user.pk).exists()


def test_confirmed_anonymisation_erases_the_account_and_keeps_the_certificate_nameless(long_ago, course):
    user = UserFactory(last_login=long_ago)
    certificate = complete_course(user, course).certificate
    User.objects.filter(pk=user.pk).update(last_login=long_ago)
    kept = UserFactory(last_login=timezone.now())
    _command("flag_inactive_accounts")

    output = _command("anonymise_inactive_accounts", "--yes")

    assert "1 account(s) anonymised" in output
    assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=kept.pk).exists()
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.holder_is_erased
    assert certificate.holder_name == ""


def test_an_account_used_after_flagging_is_not_anonymised(long_ago):
    user = UserFactory(last_login=long_ago)
    _command("flag_inactive_accounts")
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())

    _command("anonymise_inactive_accounts", "--yes")

    assert User.objects.filter(pk=user.pk).exists()
