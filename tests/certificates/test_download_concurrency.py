"""PostgreSQL only: parallel first downloads of a PDF not yet stored all get it and one file is
stored; erasing the holder while the PDF is being stored deletes that file too."""

import threading
from http import HTTPStatus

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

import pytest

from certificates import services
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


def _certificate_not_yet_stored(learner) -> Certificate:
    certificate = complete_course(learner, build_course(modules=1, lessons_per_module=1)).certificate
    # The delivery task has stored the PDF already (immediate backend): take it back to "not yet stored".
    certificate.refresh_from_db()
    for name in _stored_files(certificate):
        certificate.pdf.storage.delete(f"certificates/{name}")
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    certificate.refresh_from_db()
    return certificate


def test_parallel_first_downloads_get_the_pdf_and_store_one_file():
    learner = UserFactory()
    certificate = _certificate_not_yet_stored(learner)
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


def _sessions_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_erasing_the_holder_while_the_pdf_is_being_stored_deletes_the_stored_file(monkeypatch):
    certificate = _certificate_not_yet_stored(UserFactory())
    rendering, finish_rendering = threading.Event(), threading.Event()
    render = services.render_pdf

    def slow_render(certificate):
        rendering.set()
        finish_rendering.wait()
        return render(certificate)

    monkeypatch.setattr(services, "render_pdf", slow_render)

    def run(target):
        try:
            target()
        finally:
            connections.close_all()

    storing = threading.Thread(target=run, args=(lambda: services.store_pdf(certificate=certificate),))
    erasing = threading.Thread(target=run, args=(lambda: services.erase_holder(certificate=certificate),))
    storing.start()
    rendering.wait()
    erasing.start()
    while erasing.is_alive() and not _sessions_waiting_for_a_lock():
        erasing.join(0.01)  # until the erasure waits for the row that store_pdf holds
    finish_rendering.set()
    storing.join()
    erasing.join()

    erased = Certificate.objects.get(pk=certificate.pk)
    assert erased.holder_is_erased
    assert not erased.pdf
    assert _stored_files(erased) == []
