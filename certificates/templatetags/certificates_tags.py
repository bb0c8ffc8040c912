from django import template

from certificates import keys

register = template.Library()


@register.simple_tag
def seal_fingerprints() -> dict[str, str] | None:
    """SHA-256 fingerprints of the root and seal certificates (`root`, `seal`), or None without keys.
    Read from the key files, cached per process: no query."""
    return keys.fingerprints()
