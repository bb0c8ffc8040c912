from http import HTTPStatus
from io import BytesIO

from django.urls import reverse

import docx
import pypdf
import pytest

from tests.factories import UserFactory
from workbook import services
from workbook.models import WorkbookDocument

HOSTILE = "<b>fet</b> & <script>alert(1)</script> =SUMMA(A1)"


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages).split())


def _docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.fixture
def pair_document(pair, assignment, assignment_course, client, django_capture_on_commit_callbacks):
    services.save_answer(
        author=pair.first,
        assignment=assignment,
        fields={"f0": "Klotter vid busstationen\n\n- inbrott i förråd\n- otrygghet i centrum", "f1": HOSTILE},
        base_version=0,
    )
    client.force_login(pair.second)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workbook:request_document", args=[assignment_course.pk]))
    assert response.status_code == HTTPStatus.FOUND
    return WorkbookDocument.objects.get()


def test_the_document_is_built_in_the_background_into_private_storage(pair_document, settings):
    assert pair_document.state == WorkbookDocument.State.READY
    assert pair_document.pdf.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert pair_document.docx.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert pair_document.pair_id is not None


def test_the_pdf_reads_back_with_municipality_authors_structure_and_answers(pair_document, pair, assignment, client):
    client.force_login(pair.first)
    response = client.get(reverse("workbook:download_pdf", args=[pair_document.pk]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(b"".join(response.streaming_content))
    assert "Lägesbild och åtgärdsplan för Stockholm" in text
    assert pair.first.get_full_name() in text and pair.second.get_full_name() in text
    assert assignment.get_parent().title in text
    assert assignment.title in text
    assert "Fält 0" in text and "Klotter vid busstationen" in text and "otrygghet i centrum" in text
    assert "<b>fet</b> & <script>alert(1)</script>" in text


def test_the_docx_reads_back_with_the_same_content(pair_document, pair, assignment, client):
    client.force_login(pair.second)
    response = client.get(reverse("workbook:download_docx", args=[pair_document.pk]))
    assert response.status_code == HTTPStatus.OK
    document = docx.Document(BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Lägesbild och åtgärdsplan för Stockholm" in text
    assert assignment.title in text
    assert "inbrott i förråd" in text
    assert HOSTILE in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["inbrott i förråd", "otrygghet i centrum"]
    assert pair.first.get_full_name() in document.core_properties.author


def test_the_document_is_served_only_to_its_authors_and_reviewers_in_scope(
    pair_document, client, staff_member, reviewer
):
    for url in (
        reverse("workbook:download_pdf", args=[pair_document.pk]),
        reverse("workbook:download_docx", args=[pair_document.pk]),
        reverse("workbook:document", args=[pair_document.pk]),
    ):
        client.force_login(UserFactory())
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
        client.force_login(staff_member("Redaktörer"))
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
        client.force_login(reviewer)
        assert client.get(url).status_code == HTTPStatus.OK
