"""An XSS corpus (tests/xss_payloads.py, 59 payloads) through the fields learners and editors type
into, checked in the rendered HTML, the certificate PDF, the e-mail and the exports.

An HTML page rendered with a payload must have exactly the elements and attribute names of the
same page rendered with a harmless value: escaped text adds no markup. Text outputs (the PDF, the
plain-text e-mail, the JSON export) must carry the payload as the text that was typed.
"""

import io
import json
from collections import Counter
from datetime import UTC, datetime
from html.parser import HTMLParser

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pypdf
import pytest

from accounts.models import User
from certificates.models import Certificate
from certificates.pdf import render_certificate
from certificates.services import send_certificate_email
from courses.models import LessonPage
from tests.factories import complete_course, lessons_of
from tests.xss_payloads import PAYLOADS

HARMLESS = "Lena"
# Attributes whose value a browser follows or runs as an address.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "xlink:href"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: Counter = Counter()
        self.script_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements[(tag, tuple(sorted(name for name, _value in attrs)))] += 1
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value and value.strip().lower().startswith(("javascript:", "data:")):
                self.script_urls.append(value)


def _markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


def _assert_no_markup_added(baseline: str, rendered: str, payload: str) -> None:
    expected, found = _markup(baseline), _markup(rendered)
    assert found.elements == expected.elements, payload
    assert found.script_urls == expected.script_urls, payload


def _compact(text: str) -> str:
    return "".join(text.split())


def test_the_corpus_is_large_enough():
    assert len(set(PAYLOADS)) >= 50


@pytest.fixture
def certificate(learner, course):
    return complete_course(learner, course).certificate


def _set_names(user: User, value: str) -> None:
    User.objects.filter(pk=user.pk).update(first_name=value, last_name=value, job_title=value[:150])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["accounts:profile", "accounts:personal_data", "enrolments:dashboard"],
)
def test_learner_text_adds_no_markup_to_the_learners_pages(client, learner, url_name):
    client.force_login(learner)
    client.post("/accounts/reauthenticate/", {"password": "correct-horse-battery"})
    url = reverse(url_name)
    _set_names(learner, HARMLESS)
    baseline = client.get(url).content.decode()

    for payload in PAYLOADS:
        _set_names(learner, payload)
        _assert_no_markup_added(baseline, client.get(url).content.decode(), payload)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["verify", "detail"])
def test_a_name_on_a_certificate_adds_no_markup(client, learner, certificate, page):
    client.force_login(learner)
    if page == "verify":
        url = reverse("certificates:verify", kwargs={"code": certificate.verification_code})
    else:
        url = reverse("certificates:detail", kwargs={"enrolment_id": certificate.enrolment_id})
    Certificate.objects.filter(pk=certificate.pk).update(holder_name=HARMLESS, course_title=HARMLESS)
    baseline = client.get(url).content.decode()

    for payload in PAYLOADS:
        Certificate.objects.filter(pk=certificate.pk).update(holder_name=payload, course_title=payload)
        cache.clear()
        _assert_no_markup_added(baseline, client.get(url).content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_pdf_prints_the_name_as_typed(payload):
    pdf = render_certificate(
        serial="SA-2026-000001",
        holder=payload,
        course=payload,
        completed_at=datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
        issued_at=datetime(2026, 11, 26, 12, 5, tzinfo=UTC),
        verification_url="https://example.se/verify/abc/",
        language="sv",
    )

    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert _compact(payload) in _compact(text)


@pytest.mark.django_db
def test_the_certificate_email_adds_no_markup_and_keeps_the_text(learner, certificate):
    def send(name: str) -> mail.EmailMessage:
        _set_names(learner, name)
        mail.outbox.clear()
        send_certificate_email(certificate=Certificate.objects.with_details().get(pk=certificate.pk))
        return mail.outbox[-1]

    baseline = send(HARMLESS).alternatives[0][0]
    for payload in PAYLOADS:
        message = send(payload)
        _assert_no_markup_added(baseline, message.alternatives[0][0], payload)
        assert payload in message.body


@pytest.mark.django_db
def test_the_json_export_returns_exactly_what_was_typed(client, learner):
    client.force_login(learner)
    client.post("/accounts/reauthenticate/", {"password": "correct-horse-battery"})

    for payload in PAYLOADS:
        _set_names(learner, payload)
        exported = json.loads(client.get(reverse("accounts:export")).content)["account"]
        assert (exported["first_name"], exported["last_name"]) == (payload, payload)


@pytest.mark.django_db
def test_a_page_title_typed_by_an_editor_adds_no_markup(client, learner, course):
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    LessonPage.objects.filter(pk=lesson.pk).update(title=HARMLESS)
    cache.clear()
    baseline = client.get(lesson.url).content.decode()

    for payload in PAYLOADS:
        LessonPage.objects.filter(pk=lesson.pk).update(title=payload)
        cache.clear()
        _assert_no_markup_added(baseline, client.get(lesson.url).content.decode(), payload)
