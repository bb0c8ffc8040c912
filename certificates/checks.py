"""System checks: the signing keys must be readable before a certificate can be sealed or signed."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from . import keys


@register()
def signing_keys_readable(app_configs, **kwargs):
    try:
        keys.seal_keys()
        keys.credential_key()
    except keys.SigningKeysMissing as error:
        hint = None if settings.DEBUG else "Name readable files in the environment (README, Configuration)."
        level, code = (Warning, "certificates.W001") if settings.DEBUG else (Error, "certificates.E001")
        return [level(f"Certificates cannot be signed: {error}", hint=hint, id=code)]
    return []
