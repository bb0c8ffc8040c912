"""The default Wagtail site takes its address from SITE_BASE_URL when reference data loads, so
the page links in Wagtail's e-mails point at the real site, not http://localhost/."""

from wagtail.models import Site

import pytest

from organisations.services import load_reference_data

from ..factories import build_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base_url", "hostname", "port", "root_url"),
    [
        ("https://akademin.example.se", "akademin.example.se", 443, "https://akademin.example.se"),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
    ],
)
def test_loading_reference_data_gives_the_site_the_address_of_site_base_url(
    settings, base_url, hostname, port, root_url
):
    settings.SITE_BASE_URL = base_url

    load_reference_data()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)


def test_loading_reference_data_again_leaves_the_site_alone(settings):
    settings.SITE_BASE_URL = "https://akademin.example.se"
    load_reference_data()
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(site_name="Oförändrad")

    load_reference_data()

    site.refresh_from_db()
    assert (site.hostname, site.port, site.site_name) == ("akademin.example.se", 443, "Oförändrad")
    assert Site.objects.count() == 1


def test_page_links_in_e_mails_use_the_site_address(settings):
    settings.SITE_BASE_URL = "https://akademin.example.se"
    load_reference_data()
    course = build_course(modules=1, lessons_per_module=1)

    assert course.full_url.startswith("https://akademin.example.se/")


def test_loading_reference_data_reports_the_site_address(settings):
    settings.SITE_BASE_URL = "https://akademin.example.se"
    lines = []

    load_reference_data(progress=lines.append)

    assert "Wagtail site: https://akademin.example.se" in lines
