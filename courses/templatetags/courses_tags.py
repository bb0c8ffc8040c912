"""The page chrome: home link, language links and footer links. base.html caches each in a
`{% wagtailcache %}` fragment keyed by `{% chrome_key %}`."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Page, Site

from courses.chrome import chrome_version
from courses.models import HomePage, InformationPage

register = template.Library()

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


def _home_page(request) -> HomePage | None:
    if not hasattr(request, "_home_page"):
        site = Site.find_for_request(request)
        root = site.root_page.localized if site else None
        request._home_page = root.specific if root else None
    return request._home_page


@register.simple_tag(takes_context=True)
def chrome_key(context) -> str:
    """What every chrome fragment varies on: the chrome's version (bumped when published pages
    change), the site and the language. Fragments about the page add the request's path."""
    site = Site.find_for_request(context["request"])
    return f"{chrome_version()}:{site.pk if site else ''}:{get_language()}"


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context["request"]
    home = _home_page(request)
    return home.get_url(request) if home else "/"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in the other languages; the learner stays on the same page."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if code in translations:
            url = translations[code].get_url(request)
        else:
            # Collapsed leading slashes: "//evil.example/" must stay a path on this site.
            url = translate_url("/" + request.get_full_path().lstrip("/\\"), code)
        links.append({"code": code, "name": LANGUAGE_NAMES[code], "url": url})
    return {"links": links}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    home = _home_page(request)
    if home is None:
        return {"pages": []}
    pages = InformationPage.objects.live().public().child_of(home).in_menu()
    return {"pages": [{"url": page.get_url(request), "title": page.title} for page in pages]}
