from http import HTTPStatus

from django.urls import reverse

import pytest

from accounts.models import AdministratorScope, ScopeKind
from organisations.models import County

pytestmark = pytest.mark.django_db


def test_a_superuser_sets_a_county_scope(admin_client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    skane = County.objects.get(name="Skåne län")
    response = admin_client.post(
        reverse("administrator_scopes:add"),
        {
            "user": administrator.pk,
            "kind": ScopeKind.COUNTY,
            "county": skane.pk,
            "police_region": "",
            "municipality": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    scope = AdministratorScope.objects.get(user=administrator)
    assert (scope.kind, scope.county) == (ScopeKind.COUNTY, skane)
    listing = admin_client.get(reverse("administrator_scopes:index")).content.decode()
    assert administrator.email in listing and "Skåne län" in listing


def test_a_scope_missing_its_area_is_refused(admin_client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    response = admin_client.post(
        reverse("administrator_scopes:add"), {"user": administrator.pk, "kind": ScopeKind.COUNTY}
    )
    assert response.status_code == HTTPStatus.OK
    assert not AdministratorScope.objects.exists()


def test_a_stray_area_is_dropped_for_a_national_scope(admin_client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    skane = County.objects.get(name="Skåne län")
    admin_client.post(
        reverse("administrator_scopes:add"), {"user": administrator.pk, "kind": ScopeKind.NATIONAL, "county": skane.pk}
    )
    scope = AdministratorScope.objects.get(user=administrator)
    assert (scope.kind, scope.county) == (ScopeKind.NATIONAL, None)


def test_a_course_administrator_cannot_widen_their_own_scope(client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    client.force_login(administrator)
    response = client.post(reverse("administrator_scopes:add"), {"user": administrator.pk, "kind": ScopeKind.NATIONAL})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not AdministratorScope.objects.exists()
    assert client.get(reverse("administrator_scopes:index")).status_code != HTTPStatus.OK
