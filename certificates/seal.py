"""The PDF seal: a PAdES B-B certification signature made with pyHanko.

An invisible signature field, detached CMS (`/SubFilter /ETSI.CAdES.detached`), SHA-256, and
DocMDP "no changes allowed": any later edit of the bytes or appended revision shows as a broken
or partial signature in any PDF reader. The printed QR code and "verify at" line stay the
authoritative online check. This module takes bytes and key material and knows no model.
"""

from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .keys import SealKeys

FIELD_NAME = "Sigill"
# Room for the CMS blob (seal and root certificates, signature; about 1.5 KB with P-256, 3 KB with
# RSA-3072). Without it pyHanko signs once more with a dummy signature to measure, doubling the cost.
BYTES_RESERVED = 8192


def _signer(keys: SealKeys) -> signers.SimpleSigner:
    key_der = keys.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    root = asn1_x509.Certificate.load(keys.root.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(keys.certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([root]),
    )


def seal_pdf(content: bytes, *, keys: SealKeys, reason: str, location: str) -> bytes:
    """`content` with an invisible PAdES B-B certification signature by the seal in `keys`."""
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        reason=reason,
        location=location,
        name=keys.certificate.subject.rfc4514_string(),
    )
    writer = IncrementalPdfFileWriter(BytesIO(content))
    output = signers.sign_pdf(writer, metadata, signer=_signer(keys), bytes_reserved=BYTES_RESERVED)
    return output.getvalue()
