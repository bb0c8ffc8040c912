"""The `eddsa-rdfc-2022` Data Integrity cryptosuite (W3C vc-di-eddsa), for signing and checking
Open Badges 3.0 credentials and their status list.

No maintained Python library implements this suite, so it is written out here, step by step as
the specification names them:

1. transformation: the document without its `proof`, canonicalised with RDF Dataset
   Canonicalization (URDNA2015, via pyld) into N-Quads;
2. proof configuration: the proof options without `proofValue`, under the document's
   `@context`, canonicalised the same way;
3. hashing: SHA-256 of the configuration followed by SHA-256 of the document (64 bytes);
4. signing: Ed25519 over those bytes (deterministic), encoded as multibase base58btc (`z…`).

JSON-LD contexts are never fetched: `document_loader` answers only for the contexts vendored in
`certificates/contexts/` (listed in `CONTEXTS`) and refuses every other URL. The module is tested
byte for byte against 1EdTech's published Open Badges 3.0 test vector.
"""

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

CRYPTOSUITE = "eddsa-rdfc-2022"
CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"
CONTEXTS: Mapping[str, str] = {
    "https://www.w3.org/2018/credentials/v1": "credentials-v1.json",
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0-context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.json",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.json",
    "https://www.w3.org/ns/did/v1": "did-v1.json",
    "https://w3id.org/security/multikey/v1": "multikey-v1.json",
}
# Multicodec prefix of an Ed25519 public key inside a Multikey's `publicKeyMultibase`.
ED25519_PUB_PREFIX = b"\xed\x01"

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class ContextNotAllowed(ValueError):
    """A JSON-LD context outside the vendored set: nothing is fetched from the network."""


class ProofError(ValueError):
    """A proof that is not an eddsa-rdfc-2022 DataIntegrityProof or does not verify."""


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _B58[remainder] + encoded
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + encoded


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = _B58.find(char)
        if index < 0:
            raise ValueError("not base58btc")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """The `z6Mk…` form of an Ed25519 public key (multicodec ed25519-pub, base58btc)."""
    return "z" + b58encode(ED25519_PUB_PREFIX + public_key.public_bytes_raw())


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = b58decode(value[1:]) if value.startswith("z") else b""
    if not raw.startswith(ED25519_PUB_PREFIX) or len(raw) != 34:
        raise ProofError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


@cache
def _context(url: str) -> dict[str, Any]:
    return json.loads((CONTEXT_DIR / CONTEXTS[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: the vendored copy of a known context, or ContextNotAllowed."""
    if url not in CONTEXTS:
        raise ContextNotAllowed(f"JSON-LD context not vendored: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(_context(url))}


Loader = Callable[[str, Mapping[str, Any] | None], dict[str, Any]]


def canonicalize(document: Mapping[str, Any], *, loader: Loader = document_loader) -> str:
    """RDF Dataset Canonicalization of `document` as N-Quads (URDNA2015; pyld's default is URGNA2012)."""
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader, "safe": True}
    try:
        return jsonld.normalize(copy.deepcopy(dict(document)), options)
    except jsonld.JsonLdError as error:
        # pyld wraps the loader's refusal a few levels deep; say plainly which context was refused.
        cause = error
        while cause is not None:
            if isinstance(cause, ContextNotAllowed):
                raise cause from error
            cause = getattr(cause, "cause", None) or cause.__cause__
        raise


def hash_data(
    document: Mapping[str, Any], proof_options: Mapping[str, Any], *, loader: Loader = document_loader
) -> bytes:
    """Steps 1-3: SHA-256(canonical proof configuration) || SHA-256(canonical document)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = {key: value for key, value in proof_options.items() if key != "proofValue"}
    config["@context"] = unsecured["@context"]
    return (
        hashlib.sha256(canonicalize(config, loader=loader).encode()).digest()
        + hashlib.sha256(canonicalize(unsecured, loader=loader).encode()).digest()
    )


def sign(
    document: Mapping[str, Any],
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    loader: Loader = document_loader,
) -> dict[str, Any]:
    """`document` with an embedded DataIntegrityProof (the input is not changed).

    `created` is an XML Schema dateTime; with the same document, key and `created` the output is
    the same, byte for byte, every time.
    """
    proof = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(hash_data(document, proof, loader=loader))
    return {**copy.deepcopy(dict(document)), "proof": {**proof, "proofValue": "z" + b58encode(signature)}}


def verify(document: Mapping[str, Any], *, public_key: Ed25519PublicKey, loader: Loader = document_loader) -> None:
    """Raise ProofError unless `document` carries a valid eddsa-rdfc-2022 proof by `public_key`."""
    proof = document.get("proof")
    if not isinstance(proof, Mapping) or proof.get("type") != "DataIntegrityProof":
        raise ProofError("no DataIntegrityProof")
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("unsupported cryptosuite")
    value = proof.get("proofValue", "")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("proofValue is not multibase base58btc")
    try:
        public_key.verify(b58decode(value[1:]), hash_data(document, proof, loader=loader))
    except (InvalidSignature, ValueError) as error:
        raise ProofError("invalid signature") from error
