"""A county administrator sees, inspects, revokes and reinstates only their county's certificates."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from certificates.models import Certificate
from certificates.services import revoke_certificate
from organisations.models import County, Municipality
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(reference_data, course):
    lund = UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund")
    )
    uppsala = UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY, municipality=Municipality.objects.get(name="Uppsala")
    )
    return complete_course(lund, course).certificate, complete_course(uppsala, course).certificate


@pytest.fixture
def skane_client(client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    AdministratorScope.objects.create(
        user=administrator, kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län")
    )
    client.force_login(administrator)
    client.user = administrator
    return client


def test_the_list_shows_only_certificates_in_scope(skane_client, certificates):
    in_scope, elsewhere = certificates
    response = skane_client.get(reverse("certificate_admin:index"))
    assert list(response.context["object_list"]) == [in_scope]
    content = response.content.decode()
    assert in_scope.serial in content
    assert elsewhere.serial not in content


def test_searching_does_not_reach_outside_the_scope(skane_client, certificates):
    _in_scope, elsewhere = certificates
    response = skane_client.get(reverse("certificate_admin:index"), {"q": elsewhere.serial})
    assert list(response.context["object_list"]) == []
    assert elsewhere.holder_name not in response.content.decode()


@pytest.mark.parametrize("view", ["inspect", "history", "revoke", "reinstate"])
def test_a_certificate_elsewhere_is_404(skane_client, certificates, view):
    _in_scope, elsewhere = certificates
    assert (
        skane_client.get(reverse(f"certificate_admin:{view}", args=[elsewhere.pk])).status_code == HTTPStatus.NOT_FOUND
    )


def test_revoking_elsewhere_changes_nothing(skane_client, certificates):
    _in_scope, elsewhere = certificates
    response = skane_client.post(reverse("certificate_admin:revoke", args=[elsewhere.pk]), {"reason": "Fel"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Certificate.objects.get(pk=elsewhere.pk).is_revoked


def test_reinstating_elsewhere_changes_nothing(skane_client, certificates, admin_user):
    _in_scope, elsewhere = certificates
    revoke_certificate(certificate=elsewhere, by=admin_user, reason="Fel")
    response = skane_client.post(reverse("certificate_admin:reinstate", args=[elsewhere.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert Certificate.objects.get(pk=elsewhere.pk).is_revoked


def test_revoking_in_scope_works(skane_client, certificates):
    in_scope, _elsewhere = certificates
    skane_client.post(reverse("certificate_admin:revoke", args=[in_scope.pk]), {"reason": "Utfärdat av misstag"})
    assert Certificate.objects.get(pk=in_scope.pk).is_revoked


def test_the_pdf_of_a_certificate_elsewhere_is_404(skane_client, certificates):
    in_scope, elsewhere = certificates
    assert (
        skane_client.get(reverse("certificates:download", args=[elsewhere.enrolment_id])).status_code
        == HTTPStatus.NOT_FOUND
    )
    assert skane_client.get(reverse("certificates:download", args=[in_scope.enrolment_id])).status_code == HTTPStatus.OK
