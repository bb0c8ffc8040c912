from django.conf import settings
from django.http import HttpRequest


def contact(request: HttpRequest) -> dict[str, str]:
    """The site's contact address, for the footer, the information pages and allauth's pages."""
    return {"CONTACT_EMAIL": settings.CONTACT_EMAIL}
