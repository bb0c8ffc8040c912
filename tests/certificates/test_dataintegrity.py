"""certificates.dataintegrity against 1EdTech's published Open Badges 3.0 test vector, byte for byte."""

import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import dataintegrity

VECTOR = json.loads((Path(__file__).parent / "vectors" / "ob3-eddsa-rdfc-2022.json").read_text(encoding="utf-8"))


def vector_loader(url, options=None):
    """The vector names the 3.0.0 context by its first address; the same document is vendored under its final one."""
    return dataintegrity.document_loader(VECTOR["contextAliases"].get(url, url), options)


def vector_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(VECTOR["privateKeyHex"])[:32])


def sign_vector():
    return dataintegrity.sign(
        VECTOR["documentWithCryptosuiteContext"],
        private_key=vector_key(),
        verification_method=VECTOR["proofOptions"]["verificationMethod"],
        created=VECTOR["proofOptions"]["created"],
        loader=vector_loader,
    )


def test_document_canonicalises_to_the_vectors_n_quads():
    canonical = dataintegrity.canonicalize(VECTOR["documentWithCryptosuiteContext"], loader=vector_loader)

    assert canonical == VECTOR["documentNormalized"]
    assert hashlib.sha256(canonical.encode()).hexdigest() == VECTOR["documentHashHex"]


def test_proof_configuration_canonicalises_to_the_vectors_n_quads():
    config = {**VECTOR["proofOptions"], "@context": VECTOR["documentWithCryptosuiteContext"]["@context"]}
    canonical = dataintegrity.canonicalize(config, loader=vector_loader)

    assert canonical == VECTOR["proofNormalized"]
    assert hashlib.sha256(canonical.encode()).hexdigest() == VECTOR["proofHashHex"]


def test_hash_data_is_the_vectors_data_to_sign():
    data = dataintegrity.hash_data(
        VECTOR["documentWithCryptosuiteContext"], VECTOR["proofOptions"], loader=vector_loader
    )

    assert data.hex() == VECTOR["dataToSignHex"]


def test_signature_and_proof_value_match_the_vector_byte_for_byte():
    signed = sign_vector()

    assert signed["proof"] == {**VECTOR["proofOptions"], "proofValue": VECTOR["proofValue"]}
    assert dataintegrity.b58decode(signed["proof"]["proofValue"][1:]).hex() == VECTOR["signatureHex"]


def test_public_key_multibase_matches_the_vector():
    public_key = vector_key().public_key()

    assert dataintegrity.public_key_multibase(public_key) == VECTOR["publicKeyMultibase"]
    assert dataintegrity.public_key_from_multibase(VECTOR["publicKeyMultibase"]) == public_key


def test_the_signed_vector_verifies():
    dataintegrity.verify(sign_vector(), public_key=vector_key().public_key(), loader=vector_loader)


def test_an_edited_field_fails_verification():
    signed = sign_vector()
    signed["credentialSubject"]["achievement"]["name"] = "Leadership"

    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.verify(signed, public_key=vector_key().public_key(), loader=vector_loader)


def test_another_key_fails_verification():
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.verify(sign_vector(), public_key=Ed25519PrivateKey.generate().public_key(), loader=vector_loader)


def test_the_loader_refuses_contexts_that_are_not_vendored():
    document = {**VECTOR["documentWithCryptosuiteContext"]}
    document["@context"] = [*document["@context"], "https://example.org/remote-context.jsonld"]

    with pytest.raises(Exception, match="not vendored"):
        dataintegrity.canonicalize(document, loader=vector_loader)


@pytest.mark.parametrize("data", [b"", b"\0\0abc", bytes(range(40))])
def test_base58_round_trips(data):
    assert dataintegrity.b58decode(dataintegrity.b58encode(data)) == data
