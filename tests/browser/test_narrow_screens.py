"""At 390 px (a phone) no page type scrolls sideways: long Swedish compounds in headings wrap and
hyphenate instead of overflowing. Screenshots at 390 and 1280 px go to $BROWSER_SCREENSHOTS when set."""

import pytest
from playwright.sync_api import Browser, Page

from tests.factories import UserFactory
from tests.site_tour import build_site_tour
from tests.test_valid_html import tour_path

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_page_type_scrolls_sideways_at_390_px(browser: Browser, browser_page: Page, live_server, sign_in, language):
    learner = UserFactory(first_name="Åsa-Märta", last_name="Öberg")
    tour = build_site_tour(learner)
    sign_in(browser_page, learner)
    visitor = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport=PHONE).new_page()
    pages = {"learner": browser_page, "visitor": visitor}
    too_wide = {}
    try:
        for who, targets in tour.items():
            page = pages[who]
            for name, target in targets.items():
                page.set_viewport_size(PHONE)
                page.goto(tour_path(target, language))
                overflow = _overflow(page)
                if overflow > 0:
                    too_wide[name] = overflow
                slug = name.replace(" ", "-")
                screenshot(page, f"{language}-{slug}-390")
                page.set_viewport_size(DESKTOP)
                screenshot(page, f"{language}-{slug}-1280")
    finally:
        visitor.context.close()
    assert too_wide == {}, f"pages wider than 390 px (extra CSS pixels): {too_wide}"
