"""The signing keys: the offline command that makes a production set, the development keys that
`make run` creates once, the fingerprint on the about page, and the start-up check."""

from http import HTTPStatus
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

import pytest
from cryptography import x509

from certificates import checks, keys
from tests.factories import InformationPageFactory, swedish_home


def _settings_for(directory: Path) -> dict[str, str]:
    return {name: str(directory / file) for name, file in keys.KEY_FILES.items()}


def test_the_command_creates_a_production_set_and_prints_the_root_fingerprint(tmp_path):
    out = StringIO()

    call_command("create_signing_keys", directory=tmp_path / "offline", stdout=out)

    root = x509.load_pem_x509_certificate((tmp_path / "offline" / "root-cert.pem").read_bytes())
    seal = x509.load_pem_x509_certificate((tmp_path / "offline" / "seal-cert.pem").read_bytes())
    assert keys.fingerprint(root) in out.getvalue()
    assert seal.issuer == root.subject
    assert (tmp_path / "offline" / keys.ROOT_KEY_FILE).stat().st_mode & 0o077 == 0
    assert (tmp_path / "offline" / "seal-key.pem").stat().st_mode & 0o077 == 0
    for name in keys.KEY_FILES:
        assert name in out.getvalue()


def test_the_command_never_overwrites_keys(tmp_path):
    call_command("create_signing_keys", directory=tmp_path, stdout=StringIO())
    before = (tmp_path / "seal-key.pem").read_bytes()

    with pytest.raises(CommandError, match="never overwritten"):
        call_command("create_signing_keys", directory=tmp_path, stdout=StringIO())

    assert (tmp_path / "seal-key.pem").read_bytes() == before


def test_development_keys_are_created_once_and_said_so(tmp_path):
    with override_settings(**_settings_for(tmp_path / "var" / "keys")):
        first, second = StringIO(), StringIO()
        call_command("create_signing_keys", development=True, stdout=first)
        made = (tmp_path / "var" / "keys" / "credential-key.pem").read_bytes()
        call_command("create_signing_keys", development=True, stdout=second)

        assert "DEVELOPMENT signing keys" in first.getvalue()
        assert "in place" in second.getvalue()
        assert (tmp_path / "var" / "keys" / "credential-key.pem").read_bytes() == made
        assert keys.seal_keys().certificate.subject.rfc4514_string().startswith("CN=Samverkansakademin (development)")


def test_the_start_up_check_names_the_missing_setting(tmp_path):
    with override_settings(CERTIFICATE_SEAL_CERT_FILE=str(tmp_path / "gone.pem")):
        [problem] = checks.signing_keys_readable(None)

    assert problem.id == "certificates.E001"
    assert "CERTIFICATE_SEAL_CERT_FILE" in problem.msg


def test_a_key_of_the_wrong_kind_is_refused(tmp_path):
    wrong = tmp_path / "credential-key.pem"
    wrong.write_bytes(Path(keys.configured_paths()["CERTIFICATE_SEAL_KEY_FILE"]).read_bytes())

    with (
        override_settings(CREDENTIAL_SIGNING_KEY_FILE=str(wrong)),
        pytest.raises(keys.SigningKeysMissing, match="Ed25519"),
    ):
        keys.credential_key()


def test_the_about_page_shows_the_root_fingerprint(client, db):
    page = InformationPageFactory(parent=swedish_home(), title="Om utbildningen")

    response = client.get(page.url)

    assert response.status_code == HTTPStatus.OK
    assert keys.fingerprints()["root"] in response.content.decode()
