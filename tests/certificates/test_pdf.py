from datetime import UTC, datetime
from io import BytesIO

from django.conf import settings

import pypdf
import pypdfium2
import pytest
import zxingcpp

from certificates.services import render_pdf, render_unsealed_pdf, verification_url
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db

NAMES = [
    ("Åsa-Märta Öberg", "Élise Müller-Łukasz Doğan"),
    ("Maximiliana Alexandrina Konstantina-Bernadotte", "af Wittelsbach-Åkerström-Löwenhielm von Hohenzollern"),
]


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(pdf)).pages)


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("first_name", "last_name"), NAMES)
def test_the_pdf_shows_the_name_course_and_serial(course, first_name, last_name):
    learner = UserFactory(first_name=first_name, last_name=last_name)
    certificate = complete_course(learner, course).certificate

    text = _normalised(_text(render_pdf(certificate)))

    assert _normalised(f"{first_name} {last_name}") in text
    assert course.title in text
    assert certificate.serial in text


def test_the_pdf_is_one_a4_landscape_page(certificate):
    reader = pypdf.PdfReader(BytesIO(render_pdf(certificate)))

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_the_pdf_embeds_its_font(certificate):
    pdf = render_pdf(certificate)

    assert b"/FontFile2" in pdf
    assert b"DejaVuSans" in pdf


def test_the_pdf_names_the_organisations_behind_the_training(certificate):
    text = _normalised(_text(render_pdf(certificate)))

    assert "Rikspolisstyrelsen" in text
    assert "SKR" in text
    assert "Brå" in text


def test_the_pdf_prints_the_verification_url(certificate):
    text = _text(render_pdf(certificate)).replace("\n", "")

    assert verification_url(certificate) in text


def test_the_qr_code_points_to_the_verification_page(certificate):
    page = pypdfium2.PdfDocument(render_pdf(certificate))[0]
    image = page.render(scale=3).to_pil()

    decoded = [result.text for result in zxingcpp.read_barcodes(image)]

    assert decoded == [verification_url(certificate)]
    assert decoded[0].startswith(f"{settings.SITE_BASE_URL}/verify/{certificate.verification_code}/")


def test_regenerating_the_pdf_gives_the_same_bytes_under_the_seal(certificate):
    """The seal is an incremental update: the signed bytes are the deterministic rendering."""
    unsealed = render_unsealed_pdf(certificate)

    assert render_unsealed_pdf(certificate) == unsealed
    assert render_pdf(certificate).startswith(unsealed)


def test_markup_in_a_name_is_printed_as_text(course):
    learner = UserFactory(first_name="<b>Bo</b> &amp;", last_name="<font size=40>X</font>")
    certificate = complete_course(learner, course).certificate

    text = _normalised(_text(render_pdf(certificate)))

    assert "<b>Bo</b> &amp; <font size=40>X</font>" in text


def test_an_english_learner_gets_an_english_certificate(course):
    learner = UserFactory(preferred_language="en")
    certificate = complete_course(learner, course).certificate

    text = _normalised(_text(render_pdf(certificate)))

    assert "Certificate of completion" in text
    assert "/en/verify/" in verification_url(certificate)


def test_the_qr_code_is_encoded_once_per_pdf(certificate, monkeypatch):
    from reportlab.graphics.barcode import qrencoder

    encoded = []
    make = qrencoder.QRCode.make

    def counting_make(qr):
        encoded.append(qr)
        return make(qr)

    monkeypatch.setattr(qrencoder.QRCode, "make", counting_make)

    render_pdf(certificate)

    assert len(encoded) == 1


def _metadata(pdf: bytes):
    return pypdf.PdfReader(BytesIO(pdf)).metadata


@pytest.mark.parametrize(("language", "title"), [("sv", "Kursintyg"), ("en", "Certificate of completion")])
def test_the_pdf_title_is_in_the_certificates_language(course, language, title):
    certificate = complete_course(UserFactory(preferred_language=language), course).certificate

    assert _metadata(render_pdf(certificate)).title == f"{title} {certificate.serial}"


def test_the_pdf_is_dated_when_the_certificate_was_issued(certificate):
    certificate.issued_at = datetime(2026, 11, 26, 3, 14, 15, tzinfo=UTC)
    certificate.save(update_fields=["issued_at"])

    metadata = _metadata(render_pdf(certificate))

    assert metadata.creation_date == datetime(2026, 11, 26, 3, 14, 15, tzinfo=UTC)
    # The seal is an incremental update, dated when it was made.
    assert metadata.modification_date >= metadata.creation_date


def test_the_pdf_names_the_issuer_as_author_and_the_course_as_subject(certificate):
    metadata = _metadata(render_pdf(certificate))

    assert metadata.author == "Samverkansakademin"
    assert metadata.subject == certificate.course_title
