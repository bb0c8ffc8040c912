"""Swedish sort order of names on both databases.

PostgreSQL sorts with the ICU collation `sv-SE-x-icu` (created by migration 0001 where the
server lacks it). SQLite has no ICU, so each connection gets a collation of the same name
written in Python: an approximation of Swedish order that compares case-folded text with
å, ä, ö (and æ, ø as ä, ö) after z, accents removed from other letters (é as e, ü as y),
ties broken by the exact text. Enough for names; it knows nothing of the finer ICU rules.
"""

import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

SWEDISH = "sv-SE-x-icu"

_AFTER_Z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def swedish_key(text: str) -> str:
    folded = []
    for char in text.casefold():
        if char in _AFTER_Z:
            folded.append(_AFTER_Z[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        folded.append(base)
    return "".join(folded)


def _compare(left: str, right: str) -> int:
    left_key, right_key = (swedish_key(left), left), (swedish_key(right), right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SWEDISH, _compare)


def swedish(field: str) -> Collate:
    """`field` in Swedish order, for order_by()."""
    return Collate(F(field), SWEDISH)
