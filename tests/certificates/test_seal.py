"""The sealed PDF, checked by an independent verifier: poppler's pdfsig (Debian's poppler-utils,
installed by `make test`). pdfsig exits 0 even for a broken signature, so its output is read."""

import shutil
import subprocess
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from django.test import override_settings

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import keys
from certificates.pdf import render_certificate
from certificates.seal import seal_pdf
from certificates.services import pdf_content

PDFSIG = shutil.which("pdfsig")
pytestmark = pytest.mark.skipif(PDFSIG is None, reason="pdfsig is installed by `make test` (poppler-utils)")


def _pdfsig(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def sealed() -> bytes:
    """A sealed certificate made from plain values: no database, so the checks below stay cheap."""
    unsealed = render_certificate(
        serial="SA-2026-000042",
        holder="Åsa-Märta Öberg",
        course="Samverkan för trygghet",
        completed_at=datetime(2026, 3, 14, 10, 0, tzinfo=UTC),
        issued_at=datetime(2026, 3, 14, 10, 5, tzinfo=UTC),
        verification_url="http://127.0.0.1:8000/verify/abc/",
        language="sv",
    )
    return seal_pdf(unsealed, keys=keys.seal_keys(), reason="Intyg SA-2026-000042", location="test")


def test_a_fresh_certificate_has_a_valid_signature_over_the_whole_document(sealed, tmp_path):
    output = _pdfsig(sealed, tmp_path)

    assert "Signature is Valid" in output
    assert "Total document signed" in output
    assert "ETSI.CAdES.detached" in output
    assert "Samverkansakademin (test) certificate seal" in output


def test_one_flipped_byte_of_the_content_is_a_digest_mismatch(sealed, tmp_path):
    author = sealed.index(b"(Samverkansakademin)")
    tampered = bytearray(sealed)
    tampered[author + 1] ^= 0x20  # "S" becomes "s": same length, so the signed byte ranges still fit

    output = _pdfsig(bytes(tampered), tmp_path)

    assert "Digest Mismatch" in output
    assert "Signature is Valid" not in output


def test_an_appended_incremental_update_is_not_total_document_signed(sealed, tmp_path):
    writer = IncrementalPdfFileWriter(BytesIO(sealed))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    changed = BytesIO()
    writer.write(changed)

    output = _pdfsig(changed.getvalue(), tmp_path)

    assert "Not total document signed" in output


def test_the_seal_chains_to_the_root_and_forbids_changes(sealed):
    """pyHanko's own validator, trusting only the platform's root: a certification signature
    with DocMDP "no changes", PAdES (CAdES detached), intact and trusted."""
    root = keys.seal_keys().root
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))])
    signature = PdfFileReader(BytesIO(sealed)).embedded_signatures[0]

    status = validate_pdf_signature(signature, context)

    assert status.intact and status.valid and status.trusted
    assert signature.docmdp_level == MDPPerm.NO_CHANGES
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_the_seal_certificate_is_for_signing_documents():
    certificate = keys.seal_keys().certificate
    usage = certificate.extensions.get_extension_for_class(keys.x509.KeyUsage).value

    assert usage.digital_signature and usage.content_commitment
    assert not usage.key_cert_sign


@pytest.mark.django_db
def test_the_holders_download_is_sealed(certificate, tmp_path):
    output = _pdfsig(pdf_content(certificate=certificate), tmp_path)

    assert "Signature is Valid" in output
    assert "Total document signed" in output


@pytest.mark.django_db
def test_without_keys_no_certificate_is_handed_out_unsealed(certificate, tmp_path):
    missing = tmp_path / "nowhere" / "seal-key.pem"
    with override_settings(CERTIFICATE_SEAL_KEY_FILE=str(missing)), pytest.raises(keys.SigningKeysMissing) as raised:
        pdf_content(certificate=certificate)

    assert "CERTIFICATE_SEAL_KEY_FILE" in str(raised.value)
    certificate.refresh_from_db()
    assert not certificate.pdf


@pytest.mark.django_db
def test_without_keys_the_holder_is_told_and_gets_no_pdf(client, certificate, tmp_path):
    client.force_login(certificate.enrolment.learner)

    with override_settings(CERTIFICATE_SEAL_CERT_FILE=str(tmp_path / "gone.pem")):
        response = client.get(f"/intyg/{certificate.enrolment_id}/pdf/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"].startswith("text/html")
    assert "aldrig ut utan sigill" in response.content.decode()
