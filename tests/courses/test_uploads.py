"""Uploads: images re-encoded (no metadata, nothing appended), SVG refused, documents checked by
content and size, and no upload ever served as HTML."""

import io
import zipfile
from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image

import pytest
from PIL import Image as PILImage

from courses.uploads import check_document, reencode_image

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
APPENDED = b"<script>alert('appended')</script>"


def _jpeg_with_location() -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 0.0)}  # GPS: where the picture was taken
    output = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(output, "JPEG", exif=exif)
    return output.getvalue()


def _png() -> bytes:
    output = io.BytesIO()
    PILImage.new("RGB", (20, 20), "blue").save(output, "PNG")
    return output.getvalue()


def _office(extension: str) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        if extension == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
    return output.getvalue()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_reencoded_jpeg_keeps_no_metadata():
    original = _jpeg_with_location()
    assert PILImage.open(io.BytesIO(original)).getexif()

    reencoded = reencode_image(_upload("photo.jpeg", original))

    picture = PILImage.open(io.BytesIO(reencoded.read()))
    assert picture.format == "JPEG"
    assert picture.size == (40, 30)
    assert not picture.getexif()
    assert reencoded.name == "photo.jpg"


def test_whatever_is_appended_to_an_image_is_dropped():
    reencoded = reencode_image(_upload("picture.png", _png() + APPENDED))

    assert APPENDED not in reencoded.read()


def test_the_format_comes_from_the_content_not_the_name():
    reencoded = reencode_image(_upload("really-a-png.jpg", _png()))

    assert reencoded.name == "really-a-png.png"
    assert PILImage.open(io.BytesIO(reencoded.read())).format == "PNG"


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png"])
def test_svg_is_refused(name):
    with pytest.raises(ValidationError):
        reencode_image(_upload(name, SVG))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n..."),
        ("plan.docx", _office("docx")),
        ("list.xlsx", _office("xlsx")),
        ("slides.pptx", _office("pptx")),
        ("text.odt", _office("odt")),
        ("list.csv", "kommun;antal\nÅre;3\n".encode()),
        ("notes.txt", b"Plain text, 3 < 4."),
    ],
)
def test_a_document_whose_content_matches_its_name_is_accepted(name, content):
    check_document(_upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("plan.docx", b"%PDF-1.7 not a zip"),
        ("text.odt", _office("docx")),
        ("list.csv", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("notes.txt", b"<svg onload=alert(1)>"),
        ("notes.txt", b"binary\x00data"),
        ("list.csv", "latin-1 Å".encode("latin-1")),
    ],
    ids=["html-as-pdf", "pdf-as-docx", "docx-as-odt", "html-as-csv", "svg-as-txt", "binary-txt", "not-utf8"],
)
def test_a_document_whose_content_does_not_match_its_name_is_refused(name, content):
    with pytest.raises(ValidationError):
        check_document(_upload(name, content))


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100

    with pytest.raises(ValidationError) as refused:
        check_document(_upload("notes.txt", b"x" * 101))

    assert refused.value.code == "file_too_large"


@pytest.mark.django_db
def test_the_admin_stores_an_uploaded_image_reencoded(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Foto", "file": _upload("photo.jpg", _jpeg_with_location())}
    )

    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get(title="Foto")
    with image.open_file() as handle:
        stored = handle.read()
    assert not PILImage.open(io.BytesIO(stored)).getexif()
    assert image.file_size == len(stored)
    assert (image.width, image.height) == (40, 30)


@pytest.mark.django_db
def test_the_admin_refuses_an_svg_image(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Ritning", "file": _upload("r.svg", SVG)})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_html_disguised_as_a_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Rapport", "file": _upload("rapport.pdf", b"<html><script></script>")}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_served_document_is_never_html(admin_client, client):
    admin_client.post(reverse("wagtaildocs:add"), {"title": "Anteckningar", "file": _upload("a.txt", b"Hej & < >")})
    document = Document.objects.get(title="Anteckningar")

    response = client.get(document.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
