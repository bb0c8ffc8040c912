from collections.abc import Iterable

from django import template

from .. import keys
from ..models import Certificate

register = template.Library()


@register.simple_tag
def certificates_of(outlines: Iterable) -> dict[int, Certificate]:
    """{% certificates_of outlines as certificates %}: the certificates of the learner's enrolments in
    `outlines`, by enrolment id, in one query whatever the number of courses."""
    enrolment_ids = [outline.enrolment.pk for outline in outlines if outline.enrolment is not None]
    if not enrolment_ids:
        return {}
    return {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.filter(enrolment_id__in=enrolment_ids).only(
            "pk", "enrolment_id", "serial", "revoked_at", "holder_erased_at"
        )
    }


@register.simple_tag
def certificate_for(certificates: dict[int, Certificate], enrolment) -> Certificate | None:
    """{% certificate_for certificates outline.enrolment as certificate %}"""
    return certificates.get(enrolment.pk) if enrolment is not None else None


@register.simple_tag
def certificate_of_enrolment(enrolment) -> Certificate | None:
    """{% certificate_of_enrolment outline.enrolment as certificate %}: one query, or none without an enrolment."""
    if enrolment is None:
        return None
    return Certificate.objects.filter(enrolment_id=enrolment.pk).only("pk", "enrolment_id", "revoked_at").first()


@register.simple_tag
def seal_fingerprints() -> dict[str, str] | None:
    """SHA-256 fingerprints of the root and seal certificates (`root`, `seal`), or None without keys.
    Read from the key files, cached per process: no query."""
    return keys.fingerprints()
