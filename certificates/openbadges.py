"""Open Badges 3.0 documents: the issuer's did:web document, a certificate's OpenBadgeCredential
and the BitstringStatusListCredential that revokes it. Plain values in, signed JSON out
(eddsa-rdfc-2022, see dataintegrity); this module knows no model.
"""

import base64
import gzip
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from . import dataintegrity

CREDENTIAL_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
# The W3C minimum, so that one certificate's bit says nothing about how many there are.
STATUS_LIST_SIZE = 131_072
STATUS_PURPOSE = "revocation"


@dataclass(frozen=True)
class Issuer:
    """Who signs: a DID (did:web of the site, or did:key in tests), its key and its public face."""

    id: str
    verification_method: str
    private_key: Ed25519PrivateKey
    name: str
    url: str


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria: str
    language: str


@dataclass(frozen=True)
class Subject:
    """The holder as a salted hash of their e-mail address; both blank once the holder is erased."""

    identity_hash: str
    salt: str


def did_web(site_base_url: str) -> str:
    """The did:web of a site address: `https://host:8000/x` gives `did:web:host%3A8000:x`."""
    parts = urlsplit(site_base_url)
    segments = [quote(parts.netloc, safe="")] + [segment for segment in parts.path.split("/") if segment]
    return "did:web:" + ":".join(segments)


def site_issuer(*, site_base_url: str, private_key: Ed25519PrivateKey, name: str) -> Issuer:
    did = did_web(site_base_url)
    multibase = dataintegrity.public_key_multibase(private_key.public_key())
    return Issuer(
        id=did, verification_method=f"{did}#{multibase}", private_key=private_key, name=name, url=site_base_url
    )


def did_key_issuer(*, private_key: Ed25519PrivateKey, name: str, url: str) -> Issuer:
    """A did:key issuer, resolvable offline by any verifier (used to test against outside verifiers)."""
    multibase = dataintegrity.public_key_multibase(private_key.public_key())
    did = f"did:key:{multibase}"
    return Issuer(id=did, verification_method=f"{did}#{multibase}", private_key=private_key, name=name, url=url)


def did_document(issuer: Issuer) -> dict[str, Any]:
    """The issuer's DID document (served at /.well-known/did.json for did:web): one Multikey for
    assertions."""
    method = {
        "id": issuer.verification_method,
        "type": "Multikey",
        "controller": issuer.id,
        "publicKeyMultibase": dataintegrity.public_key_multibase(issuer.private_key.public_key()),
    }
    return {
        "@context": DID_CONTEXT,
        "id": issuer.id,
        "verificationMethod": [method],
        "assertionMethod": [issuer.verification_method],
        "authentication": [issuer.verification_method],
    }


def salted_identity_hash(email: str, salt: str) -> str:
    """OB's hashed IdentityObject value: `sha256$` + hex SHA-256 of the lower-cased address and salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def xsd_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_entry(*, list_url: str, index: int) -> dict[str, str]:
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def achievement_credential(
    *,
    issuer: Issuer,
    credential_id: str,
    achievement: Achievement,
    subject: Subject,
    valid_from: datetime,
    status: dict[str, str] | None,
) -> dict[str, Any]:
    """A signed OpenBadgeCredential. The same values give the same bytes (the proof's `created` is
    `valid_from` and Ed25519 is deterministic), so re-issuing returns what was issued."""
    credential_subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "achievement": {
            "id": achievement.id,
            "type": ["Achievement"],
            "name": achievement.name,
            "description": achievement.description,
            "criteria": {"narrative": achievement.criteria},
            "inLanguage": achievement.language,
        },
    }
    if subject.identity_hash:
        credential_subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityHash": subject.identity_hash,
                "identityType": "emailAddress",
                "hashed": True,
                "salt": subject.salt,
            }
        ]
    document: dict[str, Any] = {
        "@context": CREDENTIAL_CONTEXT,
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url},
        "validFrom": xsd_datetime(valid_from),
        "name": achievement.name,
        "credentialSubject": credential_subject,
    }
    if status is not None:
        document["credentialStatus"] = status
    return dataintegrity.sign(
        document,
        private_key=issuer.private_key,
        verification_method=issuer.verification_method,
        created=xsd_datetime(valid_from),
    )


def encode_bitstring(indices: Iterable[int], *, size: int = STATUS_LIST_SIZE) -> str:
    """Bitstring Status List encoding: bit 0 is the most significant bit of the first byte; the
    bytes are GZIP-compressed and written as multibase base64url without padding (`u…`)."""
    bits = bytearray(size // 8)
    for index in indices:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} is outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode_bitstring(encoded: str) -> bytes:
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit_is_set(encoded: str, index: int) -> bool:
    return bool(decode_bitstring(encoded)[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(
    *, issuer: Issuer, list_url: str, revoked: Iterable[int], valid_from: datetime
) -> dict[str, Any]:
    """The signed BitstringStatusListCredential with the bits of `revoked` set."""
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_bitstring(revoked),
        },
    }
    return dataintegrity.sign(
        document,
        private_key=issuer.private_key,
        verification_method=issuer.verification_method,
        created=xsd_datetime(valid_from),
    )
