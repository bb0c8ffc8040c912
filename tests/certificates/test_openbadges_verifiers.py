"""Our Open Badges 3.0 credentials, checked by verifiers from the credential community that we did
not write (Node packages in tests/node/, installed by `make test`):

- @digitalcredentials/verifier-core on a credential from a did:key issuer (it resolves that offline);
- @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite on the site's did:web credential and its
  revocation list, served by our views and handed to it as local files.
"""

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import openbadges
from certificates.services import reinstate_certificate, revoke_certificate

NODE = shutil.which("node")
NODE_DIR = Path(__file__).resolve().parent.parent / "node"
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def _node(script: str, payload, tmp_path: Path) -> dict:
    if not (NODE_DIR / "node_modules").is_dir():
        pytest.fail("The Node verifiers are not installed: run `make test-tools` (part of `make test`).")
    source = tmp_path / f"{script}.json"
    source.write_text(json.dumps(payload), encoding="utf-8")
    result = subprocess.run(  # noqa: S603
        [NODE, str(NODE_DIR / script), str(source)], capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _did_key_credential() -> dict:
    issuer = openbadges.did_key_issuer(
        private_key=Ed25519PrivateKey.generate(), name="Samverkansakademin", url=settings.SITE_BASE_URL
    )
    return openbadges.achievement_credential(
        issuer=issuer,
        credential_id="urn:uuid:0f6c1f0e-3d5b-4a53-9a2e-6f1f1c0b6a11",
        achievement=openbadges.Achievement(
            id="urn:uuid:5d4f0c0e-1d2b-4b8e-8f5e-1f2a3b4c5d6e",
            name="Samverkan mot brott",
            description="Grundutbildning för samordnare av lokalt brottsförebyggande arbete.",
            criteria="Alla obligatoriska lektioner och kunskapstest avklarade.",
            language="sv",
        ),
        subject=openbadges.Subject(
            identity_hash=openbadges.salted_identity_hash("asa@example.se", "c0ffee"), salt="c0ffee"
        ),
        valid_from=datetime(2026, 3, 14, 10, 0, tzinfo=UTC),
        status=None,
    )


def _log(result: dict) -> dict[str, dict]:
    return {entry["id"]: entry for entry in result.get("log", [])}


def test_verifier_core_accepts_our_signature(tmp_path):
    result = _node("verify-core.mjs", _did_key_credential(), tmp_path)

    assert _log(result)["valid_signature"]["valid"] is True, result
    # Its schema check fetches the schema from the network and fails without stopping verification.
    assert not [error for error in result.get("errors", []) if error.get("name") != "schema_check"], result


def test_verifier_core_reports_an_invalid_signature_after_one_field_is_edited(tmp_path):
    credential = _did_key_credential()
    credential["credentialSubject"]["achievement"]["name"] = "Samverkan mot brott, fördjupning"

    result = _node("verify-core.mjs", credential, tmp_path)

    assert "invalid_signature" in json.dumps(result), result
    assert _log(result).get("valid_signature", {}).get("valid") is not True


def _served(client, certificate) -> dict:
    """The credential, the DID document and the revocation list as the site serves them."""
    from certificates.services import credential_url, status_list_url

    credential = client.get(credential_url(certificate).removeprefix(settings.SITE_BASE_URL)).json()
    did = client.get("/.well-known/did.json").json()
    status = client.get(status_list_url().removeprefix(settings.SITE_BASE_URL)).json()
    return {"credential": credential, "documents": {did["id"]: did, status["id"]: status}}


@pytest.mark.django_db
def test_digital_bazaar_verifies_the_did_web_credential_and_follows_revocation(
    client, certificate, admin_user, tmp_path
):
    valid = _node("verify-didweb.mjs", _served(client, certificate), tmp_path)
    assert valid["verified"] is True, valid
    assert valid["revoked"] is False, valid

    revoke_certificate(certificate=certificate, by=admin_user, reason="Utfärdat av misstag")
    revoked = _node("verify-didweb.mjs", _served(client, certificate), tmp_path)
    assert revoked["proofVerified"] is True, revoked
    assert revoked["statusVerified"] is True, revoked
    assert revoked["revoked"] is True, revoked

    reinstate_certificate(certificate=certificate, by=admin_user)
    reinstated = _node("verify-didweb.mjs", _served(client, certificate), tmp_path)
    assert reinstated["verified"] is True, reinstated
    assert reinstated["revoked"] is False, reinstated


@pytest.mark.django_db
def test_digital_bazaar_rejects_an_edited_did_web_credential(client, certificate, tmp_path):
    served = _served(client, certificate)
    served["credential"]["validFrom"] = "2020-01-01T00:00:00Z"

    result = _node("verify-didweb.mjs", served, tmp_path)

    assert result["verified"] is False, result
    assert result["proofVerified"] is False, result
