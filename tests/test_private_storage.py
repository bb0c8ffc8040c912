"""The private storage alias on a real S3 API (moto's server on 127.0.0.1): certificate PDFs are
written there as private objects, served only through the holder's view, never by address."""

import urllib.error
import urllib.request
import uuid
from http import HTTPStatus
from io import BytesIO

from django.core.files.base import ContentFile
from django.urls import reverse

import boto3
import pypdf
import pytest
from moto.server import ThreadedMotoServer

from accounts.personal_data import erase_personal_data
from certificates.models import Certificate
from certificates.services import store_pdf
from tests.factories import complete_course
from training_site.storage import PrivateFileSystemStorage, PrivateS3Storage

CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "eu-north-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    name = f"private-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    ).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": CREDENTIALS["region_name"]})
    return name


@pytest.fixture
def storage(s3_endpoint, bucket):
    return PrivateS3Storage(bucket_name=bucket, endpoint_url=s3_endpoint, **CREDENTIALS)


@pytest.fixture
def pdf_on_s3(monkeypatch, storage):
    """Certificate PDFs go to the S3 private storage for the test."""
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    return storage


def _anonymous_get(s3_endpoint: str, bucket: str, key: str) -> int:
    try:
        with urllib.request.urlopen(f"{s3_endpoint}/{bucket}/{key}") as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_private_object_is_refused_to_an_anonymous_get(storage, s3_endpoint, bucket):
    name = storage.save("certificates/SA-2026-000001.pdf", ContentFile(b"%PDF-1.4 secret"))

    assert storage.open(name).read() == b"%PDF-1.4 secret"
    assert _anonymous_get(s3_endpoint, bucket, name) == HTTPStatus.FORBIDDEN


def test_an_existing_name_is_never_overwritten(storage):
    first = storage.save("certificates/a.pdf", ContentFile(b"one"))
    second = storage.save("certificates/a.pdf", ContentFile(b"two"))

    assert first != second
    assert storage.open(first).read() == b"one"


@pytest.mark.parametrize("backend", [PrivateS3Storage, PrivateFileSystemStorage])
def test_private_files_have_no_url(backend, storage, tmp_path):
    instance = storage if backend is PrivateS3Storage else PrivateFileSystemStorage(location=tmp_path)

    with pytest.raises(NotImplementedError):
        instance.url("certificates/SA-2026-000001.pdf")


def test_a_certificate_pdf_is_stored_privately_and_served_to_its_holder(
    pdf_on_s3, s3_endpoint, bucket, learner, learner_client, course
):
    certificate = complete_course(learner, course).certificate

    response = learner_client.get(reverse("certificates:download", kwargs={"enrolment_id": certificate.enrolment_id}))

    assert response.status_code == HTTPStatus.OK
    text = pypdf.PdfReader(BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert certificate.serial in text
    name = Certificate.objects.get(pk=certificate.pk).pdf.name
    assert pdf_on_s3.exists(name)
    assert _anonymous_get(s3_endpoint, bucket, name) == HTTPStatus.FORBIDDEN


def test_erasure_deletes_the_pdf_from_the_bucket(pdf_on_s3, learner, course, django_capture_on_commit_callbacks):
    certificate = complete_course(learner, course).certificate
    store_pdf(certificate=certificate)
    name = Certificate.objects.get(pk=certificate.pk).pdf.name
    assert pdf_on_s3.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(learner)

    assert not pdf_on_s3.exists(name)
