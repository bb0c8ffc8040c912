"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Reusable pieces for any browser test in this folder:

- `browser_page`: a fresh browser context (own cookies, Swedish locale) with one page whose
  relative `goto()` paths resolve against the live server;
- `sign_in(page, user)`: put a signed-in session cookie into the page's context;
- `confirmation_link(email)`: the path of the last allauth confirmation link mailed to `email`;
- `axe_check(page)`: fail on any axe-core violation of impact "serious" or "critical";
- `screenshot(page, name)`: a full-page PNG in $BROWSER_SCREENSHOTS, when that is set.

Mark browser tests `@pytest.mark.browser` and
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: the live server needs
committed data, and serialized rollback brings back Wagtail's root page, default site, locales and
groups (made by data migrations) that the flush after a transactional test removes.
"""

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}
CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+?/")


@pytest.fixture(scope="package")
def browser(migration_data) -> Iterator[Browser]:
    """One Chromium for the browser tests of this package, closed after the last of them.

    Playwright's sync API keeps an asyncio loop running in this thread; the ORM calls made by
    fixtures and tests are still plain synchronous calls, so Django's async-safety guard is
    switched off exactly while Playwright runs (not for the whole session: subprocesses started
    by other tests, such as the deploy checks, would inherit it).
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Playwright's launch() gives every browser a fresh temporary profile (user-data dir) and
    # removes it on close; it never downloads a browser when executable_path is given.
    downloads = tempfile.mkdtemp(prefix="samverkan-browser-")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, downloads_path=downloads
        )
        # Hand the serialized data to the connection wrappers seen from here on, so that serialized
        # rollback (restore before, and a flush without post_migrate after each test) works.
        for alias, contents in migration_data.items():
            connections[alias]._test_serialized_contents = contents
        try:
            yield browser
        finally:
            browser.close()
    shutil.rmtree(downloads, ignore_errors=True)
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context_options() -> dict:
    """Override in a test module (or parametrize) to change the context, e.g. java_script_enabled."""
    return {}


# The rows the migrations made (root page, home pages, site, locales, groups), per database alias,
# as serialized when the test databases were created.
_MIGRATION_DATA: dict[str, str] = {}


@pytest.fixture(scope="session")
def migration_data(django_db_setup) -> dict[str, str]:
    """Capture the serialized migration data before Playwright starts: once its sync API runs,
    Django's connection handler (context-local) may hand out fresh connection wrappers without
    `_test_serialized_contents`, and serialized rollback then silently restores nothing."""
    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            _MIGRATION_DATA[connection.alias] = contents
    return _MIGRATION_DATA


def _restore_migration_data() -> None:
    """Put the migration data back when a transactional test's flush removed it."""
    from wagtail.models import Page

    if Page.objects.filter(depth=2).exists():
        return
    for alias, contents in _MIGRATION_DATA.items():
        connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture
def browser_page(browser: Browser, live_server, browser_context_options: dict) -> Iterator[Page]:
    _restore_migration_data()
    # allauth's rate limits live in the (local-memory) cache, which outlives each test.
    cache.clear()
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": 1280, "height": 900},
        **browser_context_options,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Earlier tests' requests through LocaleMiddleware may leave English active in this thread,
    # and reverse() in the test would then build /en/ addresses: start from the default language.
    with translation.override(settings.LANGUAGE_CODE):
        yield page
    context.close()


@pytest.fixture
def sign_in(live_server):
    """Sign `user` in inside the page's browser context, without going through the login form."""

    def sign_in(page: Page, user) -> None:
        client = Client()
        client.force_login(user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": live_server.url}]
        )

    return sign_in


def confirmation_link(email: str) -> str:
    """The path of the newest e-mail confirmation link sent to `email` (locmem backend, shared
    with the in-process live server)."""
    for message in reversed(mail.outbox):
        if email in message.to:
            match = CONFIRMATION_LINK.search(message.body)
            assert match, f"no confirmation link in the e-mail to {email}:\n{message.body}"
            return urlsplit(match.group(0)).path
    raise AssertionError(f"no e-mail to {email} among {[m.to for m in mail.outbox]}")


def axe_check(page: Page) -> None:
    """Run axe-core on the current page; fail on violations of impact serious or critical."""
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node.get('failureSummary', '')}" for node in v["nodes"])
        for v in blocking
    )
    assert not blocking, f"axe-core found serious/critical violations on {page.url}:\n{report}"


def screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot for human review when $BROWSER_SCREENSHOTS names a folder."""
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a browser test's flush, put the serialized migration data back when the next test is
    not itself a serialized-rollback test, so tests that run later still find the home page, site,
    locales and groups whatever order they run in."""
    result = yield
    if item.get_closest_marker("browser") and nextitem is not None and not nextitem.get_closest_marker("browser"):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore_migration_data()
    return result
