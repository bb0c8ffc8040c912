"""The certificate as its holder meets it: congratulations on the course page, the QR code on the
certificate page, the serial on the public check."""

from xml.etree import ElementTree

from django.urls import reverse

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from certificates.services import revoke_certificate
from enrolments.services import complete_step, enrol_learner
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _detail(client, certificate) -> str:
    return client.get(
        reverse("certificates:detail", kwargs={"enrolment_id": certificate.enrolment_id})
    ).content.decode()


def test_the_completed_course_page_congratulates_and_links_to_the_certificate(learner_client, certificate):
    course = certificate.enrolment.course

    content = learner_client.get(course.url).content.decode()

    assert "Grattis! Du har slutfört kursen." in content
    assert reverse("certificates:detail", kwargs={"enrolment_id": certificate.enrolment_id}) in content


def test_an_unfinished_course_page_neither_congratulates_nor_links(learner_client, learner, course):
    enrol_learner(learner=learner, course=course)
    complete_step(learner=learner, step=lessons_of(course)[0])

    content = learner_client.get(course.url).content.decode()

    assert "Grattis" not in content
    assert "/intyg/" not in content


def test_a_revoked_certificate_is_not_offered_as_valid_on_the_course_page(learner_client, certificate, admin_user):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel")

    content = learner_client.get(certificate.enrolment.course.url).content.decode()

    assert "Ditt intyg har återkallats." in content


def _rasterise(svg: ElementTree.Element, scale: int = 8) -> Image.Image:
    """Draw the SVG's one path of unit rectangles (M x y h w v1 h-w z) onto a white image."""
    size = int(svg.get("viewBox").split()[2])
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for run in svg.find(f"{SVG}path").get("d").split("z"):
        if not run:
            continue
        x, rest = run[1:].split(" ")
        y, width = rest.split("h", 1)
        width = width.split("v")[0]
        x, y, width = int(x), int(y), int(width)
        draw.rectangle([x * scale, y * scale, (x + width) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def test_the_certificate_page_shows_a_qr_code_that_opens_the_public_check(learner_client, certificate):
    content = _detail(learner_client, certificate)

    start, end = content.index("<svg"), content.index("</svg>") + len("</svg>")
    svg = ElementTree.fromstring(content[start:end])  # noqa: S314 - our own page, in a test
    assert svg.get("role") == "img"
    assert "QR-kod" in svg.get("aria-label")
    assert svg.find(f"{SVG}title").text == svg.get("aria-label")
    decoded = zxingcpp.read_barcodes(_rasterise(svg))
    assert [result.text for result in decoded] == [f"http://127.0.0.1:8000/verify/{certificate.verification_code}/"]


def test_the_public_check_shows_the_serial(client, certificate):
    content = client.get(
        reverse("certificates:verify", kwargs={"code": certificate.verification_code})
    ).content.decode()

    assert f"<dd>{certificate.serial}</dd>" in content
