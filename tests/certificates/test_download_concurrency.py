"""PostgreSQL only: parallel first downloads of a PDF not yet stored all get it; one file is stored."""

import threading
from http import HTTPStatus

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

import pytest

from certificates.models import Certificate
from tests.factories import UserFactory, build_course, complete_course

DOWNLOADS = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def _stored_files(certificate) -> list[str]:
    storage = certificate.pdf.storage
    if not storage.exists("certificates"):
        return []
    return [name for name in storage.listdir("certificates")[1] if name.startswith(certificate.serial)]


def _download(learner, url: str) -> tuple[int, bytes]:
    client = Client(raise_request_exception=False)
    client.force_login(learner)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def test_parallel_first_downloads_get_the_pdf_and_store_one_file():
    learner = UserFactory()
    certificate = complete_course(learner, build_course(modules=1, lessons_per_module=1)).certificate
    # The delivery task has stored the PDF already (immediate backend): take it back to "not yet stored".
    certificate.refresh_from_db()
    for name in _stored_files(certificate):
        certificate.pdf.storage.delete(f"certificates/{name}")
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    url = reverse("certificates:download", kwargs={"enrolment_id": certificate.enrolment_id})
    barrier = threading.Barrier(DOWNLOADS)
    results: list[tuple[int, bytes]] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            result = _download(learner, url)
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=worker) for _ in range(DOWNLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _body in results) == [HTTPStatus.OK] * DOWNLOADS
    bodies = {body for _status, body in results}
    assert len(bodies) == 1
    assert bodies.pop().startswith(b"%PDF")
    certificate.refresh_from_db()
    assert _stored_files(certificate) == [certificate.pdf.name.removeprefix("certificates/")]
