from http import HTTPStatus
from io import BytesIO

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

import pypdf
import pytest

from accounts.personal_data import erase_personal_data
from certificates.models import Certificate
from certificates.services import CertificateError, pdf_content, render_pdf, revoke_certificate, store_pdf
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _pdf_url(certificate, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("certificates:download", kwargs={"enrolment_id": certificate.enrolment_id})


def _detail_url(certificate) -> str:
    return reverse("certificates:detail", kwargs={"enrolment_id": certificate.enrolment_id})


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_holder_downloads_the_pdf(learner_client, certificate):
    response = learner_client.get(_pdf_url(certificate))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{certificate.serial}.pdf"' in response["Content-Disposition"]
    assert certificate.serial in pypdf.PdfReader(BytesIO(_content(response))).pages[0].extract_text()


def test_another_learner_cannot_download_the_pdf(other_client, certificate):
    assert other_client.get(_pdf_url(certificate)).status_code == HTTPStatus.NOT_FOUND


def test_another_learner_cannot_see_the_certificate_page(other_client, certificate):
    assert other_client.get(_detail_url(certificate)).status_code == HTTPStatus.NOT_FOUND


def test_an_anonymous_visitor_is_sent_to_sign_in(client, certificate):
    response = client.get(_pdf_url(certificate))

    assert response.status_code == HTTPStatus.FOUND
    assert "/accounts/login/" in response["Location"]


def test_a_superuser_can_download_any_certificate(admin_client, certificate):
    assert admin_client.get(_pdf_url(certificate)).status_code == HTTPStatus.OK


def test_a_national_course_administrator_can_download_any_certificate(client, certificate):
    from django.contrib.auth.models import Group

    from accounts.models import AdministratorScope, ScopeKind

    administrator = UserFactory()
    administrator.groups.add(Group.objects.get(name="Kursadministratörer"))
    AdministratorScope.objects.create(user=administrator, kind=ScopeKind.NATIONAL)
    client.force_login(administrator)

    assert client.get(_pdf_url(certificate)).status_code == HTTPStatus.OK


def test_a_course_administrator_without_scope_cannot_download_a_learners_certificate(client, certificate):
    from django.contrib.auth.models import Group

    administrator = UserFactory()
    administrator.groups.add(Group.objects.get(name="Kursadministratörer"))
    client.force_login(administrator)

    assert client.get(_pdf_url(certificate)).status_code == HTTPStatus.NOT_FOUND


def test_a_revoked_certificate_download_says_it_is_revoked(learner_client, certificate, admin_user):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel person")

    response = learner_client.get(_pdf_url(certificate, "en"))

    assert response.status_code == HTTPStatus.GONE
    assert "was revoked on" in response.content.decode()
    assert "Fel person" in response.content.decode()


def test_the_pdf_is_kept_in_private_storage(certificate, settings):
    store_pdf(certificate=certificate)
    certificate.refresh_from_db()

    path = certificate.pdf.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_the_dashboard_links_to_the_download_and_the_certificate_page(learner_client, certificate):
    content = learner_client.get(reverse("enrolments:dashboard")).content.decode()

    assert _pdf_url(certificate) in content
    assert _detail_url(certificate) in content


def test_the_certificate_page_links_to_the_public_check(learner_client, certificate):
    content = learner_client.get(_detail_url(certificate)).content.decode()

    assert f"/verify/{certificate.verification_code}/" in content
    assert certificate.serial in content


def test_an_unfinished_course_shows_no_download_on_the_dashboard(learner_client, learner, course):
    from enrolments.services import enrol_learner

    enrol_learner(learner=learner, course=course)

    assert "/pdf/" not in learner_client.get(reverse("enrolments:dashboard")).content.decode()


def _files_of(certificate) -> list[str]:
    storage = certificate.pdf.storage
    if not storage.exists("certificates"):
        return []
    return [name for name in storage.listdir("certificates")[1] if name.startswith(certificate.serial)]


def _unstore(certificate) -> None:
    """Back to "not yet stored", as before the delivery task has run (earlier tests reuse serials)."""
    for name in _files_of(certificate):
        certificate.pdf.storage.delete(f"certificates/{name}")
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    certificate.refresh_from_db()


def test_a_first_download_stores_the_pdf_it_serves(certificate):
    _unstore(certificate)

    content = pdf_content(certificate=certificate)

    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        assert handle.read() == content
    assert content == render_pdf(certificate)


def test_a_stored_pdf_is_served_without_rendering_again(certificate, monkeypatch):
    store_pdf(certificate=certificate)
    certificate.refresh_from_db()
    monkeypatch.setattr("certificates.services.render_pdf", lambda certificate: pytest.fail("rendered again"))

    assert pdf_content(certificate=certificate).startswith(b"%PDF")


def test_a_pdf_missing_from_storage_is_rendered_and_stored_again(certificate):
    store_pdf(certificate=certificate)
    certificate.refresh_from_db()
    name = certificate.pdf.name
    certificate.pdf.storage.delete(name)

    content = pdf_content(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    assert certificate.pdf.storage.exists(name)
    assert content.startswith(b"%PDF")


def test_a_leftover_file_under_the_serials_name_is_replaced_not_kept_beside(certificate):
    _unstore(certificate)
    storage = certificate.pdf.storage
    leftover = storage.save(f"certificates/{certificate.serial}.pdf", ContentFile(b"half a PDF"))

    content = pdf_content(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.pdf.name == leftover
    assert _files_of(certificate) == [f"{certificate.serial}.pdf"]
    assert content.startswith(b"%PDF")


def test_an_erased_certificate_has_no_pdf_to_store(certificate):
    erase_personal_data(certificate.enrolment.learner)
    certificate.refresh_from_db()

    with pytest.raises(CertificateError):
        store_pdf(certificate=certificate)
