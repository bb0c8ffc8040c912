from http import HTTPStatus

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry

import pytest

from accounts.models import AdministratorScope, ScopeKind
from certificates.services import revoke_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_admin_client(client, staff_member):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    AdministratorScope.objects.create(user=administrator, kind=ScopeKind.NATIONAL)
    client.force_login(administrator)
    client.user = administrator
    return client


def _revoke_url(certificate) -> str:
    return reverse("certificate_admin:revoke", args=[certificate.pk])


def _reinstate_url(certificate) -> str:
    return reverse("certificate_admin:reinstate", args=[certificate.pk])


def test_the_admin_lists_certificates(admin_client, certificate):
    response = admin_client.get(reverse("certificate_admin:index"))

    assert response.status_code == HTTPStatus.OK
    assert certificate.serial in response.content.decode()


def test_the_admin_list_searches_by_holder_name(admin_client, certificate):
    last_name = certificate.enrolment.learner.last_name
    response = admin_client.get(reverse("certificate_admin:index"), {"q": last_name})

    assert certificate.serial in response.content.decode()


def test_the_admin_list_search_leaves_out_other_certificates(admin_client, certificate):
    response = admin_client.get(reverse("certificate_admin:index"), {"q": "SA-1999-000000"})

    assert certificate.serial not in response.content.decode()


def test_a_course_administrator_revokes_with_a_reason(course_admin_client, certificate):
    response = course_admin_client.post(_revoke_url(certificate), {"reason": "Utfärdat av misstag"})

    assert response.status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == course_admin_client.user
    assert certificate.revocation_reason == "Utfärdat av misstag"


def test_revoking_needs_a_reason(admin_client, certificate):
    response = admin_client.post(_revoke_url(certificate), {"reason": ""})

    assert response.status_code == HTTPStatus.OK
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_is_logged_with_who_and_when(course_admin_client, certificate):
    course_admin_client.post(_revoke_url(certificate), {"reason": "Fel kurs"})

    entry = ModelLogEntry.objects.get(action="certificates.revoke", object_id=str(certificate.pk))
    assert entry.user == course_admin_client.user
    assert entry.timestamp is not None
    assert entry.data["reason"] == "Fel kurs"


def test_reinstating_makes_the_certificate_valid_and_is_logged(admin_client, admin_user, certificate):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel kurs")

    response = admin_client.post(_reinstate_url(certificate))

    assert response.status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    entry = ModelLogEntry.objects.get(action="certificates.reinstate", object_id=str(certificate.pk))
    assert entry.user == admin_user


def test_the_revoke_form_is_shown(admin_client, certificate):
    response = admin_client.get(_revoke_url(certificate))

    assert response.status_code == HTTPStatus.OK
    assert b'name="reason"' in response.content


def test_an_editor_without_the_permission_cannot_revoke(client, certificate, staff_member):
    client.force_login(staff_member("Redaktörer", is_staff=True))

    response = client.post(_revoke_url(certificate), {"reason": "Försök"})

    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_the_history_shows_the_revocation(admin_client, admin_user, certificate):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel kurs")

    response = admin_client.get(reverse("certificate_admin:history", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.OK
    with translation.override("sv"):
        label = gettext("Certificate revoked")
    assert label in response.content.decode()
