"""Reading the e-mail addresses an administrator adds to a cohort: a pasted list or a CSV file.

Pure functions, no database: they return the addresses in order with every problem named, and
the caller decides (nothing is imported when a file is refused as a whole).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_ROWS = 2000


class EmailListError(ValidationError):
    """The list or file as a whole cannot be read; the message is for the administrator."""


@dataclass
class ParsedEmails:
    emails: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line number, what was there)


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _sniff_delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:20])
    return ";" if sample.count(";") > sample.count(",") else ","


def parse_lines(lines: list[str]) -> ParsedEmails:
    """Each non-empty line holds an address (in a CSV, the first cell that looks like one).

    A first line without an @ is taken as a heading. Addresses are compared case-insensitively.
    """
    if len(lines) > MAX_ROWS + 1:
        raise EmailListError(_("The list has more than %(max)s rows. Split it into smaller lists.") % {"max": MAX_ROWS})
    delimiter = _sniff_delimiter(lines)
    parsed = ParsedEmails()
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in _cells(line, delimiter)] or [line.strip()]
        candidates = [cell for cell in cells if "@" in cell]
        if not candidates:
            if number == 1:
                continue
            parsed.invalid.append((number, line.strip()[:100]))
            continue
        address = candidates[0].strip("<>\"' ").lower()
        try:
            validate_email(address)
        except ValidationError:
            parsed.invalid.append((number, candidates[0][:100]))
            continue
        if address in seen:
            parsed.duplicates.append(address)
            continue
        seen.add(address)
        parsed.emails.append(address)
    if len(parsed.emails) > MAX_ROWS:
        raise EmailListError(
            _("The list has more than %(max)s addresses. Split it into smaller lists.") % {"max": MAX_ROWS}
        )
    return parsed


def parse_pasted(text: str) -> ParsedEmails:
    """Addresses pasted one per line (or separated by commas, semicolons or spaces on a line)."""
    lines = []
    for line in text.splitlines():
        parts = [part for part in line.replace(";", " ").replace(",", " ").split() if part]
        lines.extend(parts or [""])
    return parse_lines(lines)


def parse_csv_upload(upload) -> ParsedEmails:
    """A CSV file of at most 1 MB and 2,000 rows, comma or semicolon separated, UTF-8 with or
    without BOM (Excel's Windows-1252 is accepted too). A binary file is refused."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise EmailListError(_("The file is larger than 1 MB. Split it into smaller files."))
    raw = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise EmailListError(_("The file is larger than 1 MB. Split it into smaller files."))
    if not raw.strip():
        raise EmailListError(_("The file is empty."))
    if b"\x00" in raw:
        raise EmailListError(_("This is not a CSV text file. Save the list as CSV (comma or semicolon separated)."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise EmailListError(_("This is not a CSV text file. Save the list as CSV (comma or semicolon separated)."))
    return parse_lines(io.StringIO(text, newline=None).read().splitlines())
