"""Issue 5's browser journey: a coordinator finishes a short course, gets the certificate e-mail,
downloads the PDF from "My courses" and anyone can open the public check from the certificate page.

Elements are found by href, form action, element and class rather than by label text, so the test
keeps passing whichever language the interface strings are shown in.
"""

import io
import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from certificates.models import Certificate
from enrolments.models import Enrolment
from enrolments.services import enrol_learner
from tests.factories import UserFactory, build_course, lessons_of

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

URL = re.compile(r"https?://[^\s<>\"]+")


def _check(page: Page, name: str) -> None:
    screenshot(page, name)
    axe_check(page)


def _mailed_paths(email: str) -> list[str]:
    """The paths of the links in the newest e-mail to `email` (its text version)."""
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"no e-mail to {email} among {[m.to for m in mail.outbox]}"
    return [urlsplit(url).path for url in URL.findall(messages[-1].body)]


def test_learner_finishes_a_course_and_anyone_can_verify_the_certificate(
    browser: Browser, browser_page: Page, live_server, sign_in
):
    learner = UserFactory(first_name="Åsa-Märta", last_name="Öberg-Łukasz")
    course = build_course(modules=1, lessons_per_module=1)
    (lesson,) = lessons_of(course)
    enrolment, _created = enrol_learner(learner=learner, course=course)
    page = browser_page
    sign_in(page, learner)

    page.goto(lesson.url)
    page.locator(
        f"main form[action='{reverse('enrolments:complete_step', args=[lesson.pk])}'] button[type=submit]"
    ).click()
    page.wait_for_load_state()

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    detail_path = reverse("certificates:detail", args=[enrolment.pk])
    verify_path = reverse("certificates:verify", args=[certificate.verification_code])
    mailed = _mailed_paths(learner.email)
    assert detail_path in mailed
    assert verify_path in mailed

    page.locator(f"header a[href='{reverse('enrolments:dashboard')}']").click()
    download_path = reverse("certificates:download", args=[enrolment.pk])
    expect(page.locator(f"main a[href='{download_path}']")).to_have_count(1)
    _check(page, "30-dashboard-certificate")
    with page.expect_download() as download_info:
        page.locator(f"main a[href='{download_path}']").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages)
    assert learner.first_name in text
    assert learner.last_name in text
    assert certificate.serial in text

    page.goto(detail_path)
    expect(page.locator("main dl.certificate-facts")).to_contain_text(certificate.serial)
    _check(page, "31-certificate-page")
    public_link = page.locator("main a[href*='/verify/']").first.get_attribute("href")
    assert urlsplit(public_link).path == verify_path

    anonymous = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
    try:
        public = anonymous.new_page()
        public.goto(urlsplit(public_link).path)
        expect(public.locator("main .certificate-status.message--success")).to_have_count(1)
        facts = public.locator("main dl.certificate-facts")
        expect(facts).to_contain_text(f"{learner.first_name} {learner.last_name}")
        expect(facts).to_contain_text(course.title)
        completed_on = timezone.localdate(certificate.completed_at).isoformat()
        expect(facts.locator(f"time[datetime='{completed_on}']")).to_have_count(1)
        expect(public.locator(f"header a[href='{reverse('enrolments:dashboard')}']")).to_have_count(0)
        _check(public, "32-verify-valid")
    finally:
        anonymous.close()
