"""The platform's signing keys: the PDF seal (a P-256 certificate under the platform's own root)
and the Ed25519 key of the Open Badges credentials.

Keys live in files named by settings (environment variables in production), never in the
database or the repository. `create_key_set` makes a new root, seal and credential key (the
`create_signing_keys` command: offline for production, under `var/keys/` for development).
Loaded keys are cached per process and reloaded when a file changes.
"""

import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# The settings naming each file, and the file name create_key_set gives it.
KEY_FILES = {
    "CERTIFICATE_ROOT_CERT_FILE": "root-cert.pem",
    "CERTIFICATE_SEAL_CERT_FILE": "seal-cert.pem",
    "CERTIFICATE_SEAL_KEY_FILE": "seal-key.pem",
    "CREDENTIAL_SIGNING_KEY_FILE": "credential-key.pem",
}
ROOT_KEY_FILE = "root-key.pem"
ROOT_YEARS = 20
SEAL_YEARS = 5


class SigningKeysMissing(ImproperlyConfigured):
    """A signing key or certificate is not configured or cannot be read; nothing is signed without it."""


@dataclass(frozen=True)
class SealKeys:
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    root: x509.Certificate


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate (DER), as colon-separated hex pairs, as browsers and openssl show it."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def _path(setting: str) -> Path:
    value = getattr(settings, setting, "")
    if not value:
        raise SigningKeysMissing(f"{setting} is not set: it must name the file of a signing key or certificate.")
    return Path(value)


def _read(setting: str) -> tuple[Path, bytes]:
    path = _path(setting)
    try:
        return path, path.read_bytes()
    except OSError as error:
        raise SigningKeysMissing(
            f"{setting} names {path}, which cannot be read ({error.strerror}). In development run "
            "`make run` (or `manage.py create_signing_keys --development`) to create the development keys."
        ) from None


def _stamp(setting: str) -> tuple[str, float]:
    path = _path(setting)
    try:
        return str(path), path.stat().st_mtime
    except OSError:
        return str(path), -1.0


@lru_cache(maxsize=4)
def _load_seal(_stamps: tuple) -> SealKeys:
    _, key_pem = _read("CERTIFICATE_SEAL_KEY_FILE")
    _, cert_pem = _read("CERTIFICATE_SEAL_CERT_FILE")
    _, root_pem = _read("CERTIFICATE_ROOT_CERT_FILE")
    try:
        private_key = serialization.load_pem_private_key(key_pem, password=None)
        certificate = x509.load_pem_x509_certificate(cert_pem)
        root = x509.load_pem_x509_certificate(root_pem)
    except ValueError as error:
        raise SigningKeysMissing(f"The seal's key or certificates are not valid PEM files: {error}") from None
    if not isinstance(private_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SigningKeysMissing("CERTIFICATE_SEAL_KEY_FILE must hold a P-256 or RSA private key.")
    if private_key.public_key() != certificate.public_key():
        raise SigningKeysMissing("CERTIFICATE_SEAL_KEY_FILE does not belong to CERTIFICATE_SEAL_CERT_FILE.")
    return SealKeys(private_key=private_key, certificate=certificate, root=root)


def seal_keys() -> SealKeys:
    """The seal's key, its certificate and the root above it; SigningKeysMissing when unreadable."""
    return _load_seal(tuple(_stamp(name) for name in KEY_FILES if name != "CREDENTIAL_SIGNING_KEY_FILE"))


@lru_cache(maxsize=4)
def _load_credential_key(_stamp: tuple) -> Ed25519PrivateKey:
    _, pem = _read("CREDENTIAL_SIGNING_KEY_FILE")
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except ValueError as error:
        raise SigningKeysMissing(f"CREDENTIAL_SIGNING_KEY_FILE is not a valid PEM key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeysMissing("CREDENTIAL_SIGNING_KEY_FILE must hold an Ed25519 private key.")
    return key


def credential_key() -> Ed25519PrivateKey:
    """The Ed25519 key that signs Open Badges credentials and the status list."""
    return _load_credential_key(_stamp("CREDENTIAL_SIGNING_KEY_FILE"))


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_id(public_key) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(public_key)


def new_root(*, organisation: str, now: datetime.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(f"{organisation} Root CA", organisation)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(_key_id(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def new_seal(
    *, organisation: str, root_key: ec.EllipticCurvePrivateKey, root: x509.Certificate, now: datetime.datetime
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A P-256 seal certificate for signing documents (digitalSignature and nonRepudiation)."""
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{organisation} certificate seal", organisation))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(min(now + datetime.timedelta(days=365 * SEAL_YEARS), root.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(_key_id(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(_key_id(root.public_key())),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, certificate


def _write(path: Path, data: bytes, *, secret: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    descriptor = os.open(path, flags, 0o600 if secret else 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def create_key_set(paths: dict[str, Path], *, root_key_path: Path | None, organisation: str) -> dict[str, str]:
    """Write a new root certificate, seal key and certificate and credential key to `paths` (keyed
    like KEY_FILES); the root's key goes to `root_key_path` or, when None, is thrown away.

    Never overwrites: an existing file raises FileExistsError before anything is written.
    Returns the fingerprints to publish (root and seal certificates, SHA-256).
    """
    targets = [*paths.values(), *([root_key_path] if root_key_path else [])]
    for target in targets:
        if target.exists():
            raise FileExistsError(f"{target} exists already; keys are never overwritten.")
    now = datetime.datetime.now(datetime.UTC)
    root_key, root = new_root(organisation=organisation, now=now)
    seal_key, seal = new_seal(organisation=organisation, root_key=root_key, root=root, now=now)
    credential = Ed25519PrivateKey.generate()
    if root_key_path:
        _write(root_key_path, _pem_key(root_key), secret=True)
    _write(paths["CERTIFICATE_ROOT_CERT_FILE"], root.public_bytes(serialization.Encoding.PEM), secret=False)
    _write(paths["CERTIFICATE_SEAL_CERT_FILE"], seal.public_bytes(serialization.Encoding.PEM), secret=False)
    _write(paths["CERTIFICATE_SEAL_KEY_FILE"], _pem_key(seal_key), secret=True)
    _write(paths["CREDENTIAL_SIGNING_KEY_FILE"], _pem_key(credential), secret=True)
    return {"root": fingerprint(root), "seal": fingerprint(seal)}


def configured_paths() -> dict[str, Path]:
    return {name: _path(name) for name in KEY_FILES}


def fingerprints() -> dict[str, str] | None:
    """The root's and the seal's fingerprints for the about and verification pages, or None when
    the keys cannot be read (the pages then say nothing rather than fail)."""
    try:
        keys = seal_keys()
    except SigningKeysMissing:
        return None
    return {"root": fingerprint(keys.root), "seal": fingerprint(keys.certificate)}
