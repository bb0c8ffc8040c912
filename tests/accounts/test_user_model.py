from django.contrib.auth import get_user_model
from django.db import IntegrityError

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_custom_user_model_is_active():
    assert get_user_model() is User


def test_email_is_the_login_and_there_is_no_username():
    assert User.USERNAME_FIELD == "email"
    assert User.username is None
    assert "username" not in {field.name for field in User._meta.get_fields()}


def test_first_and_last_name_are_required_for_createsuperuser():
    assert User.REQUIRED_FIELDS == ["first_name", "last_name"]


def test_create_user_normalises_the_email_and_hashes_the_password():
    user = User.objects.create_user("Lena.Larsson@Example.COM", "ett-bra-losenord", first_name="Lena")

    assert user.email == "lena.larsson@example.com"
    assert user.check_password("ett-bra-losenord")
    assert not user.is_staff


def test_email_is_unique():
    User.objects.create_user("lena@example.com", "ett-bra-losenord")

    with pytest.raises(IntegrityError):
        User.objects.create_user("lena@example.com", "ett-annat-losenord")


def test_create_superuser_is_staff_and_superuser():
    user = User.objects.create_superuser("admin@example.com", "ett-bra-losenord")

    assert user.is_staff and user.is_superuser
