from html.parser import HTMLParser
from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db


class _LanguageLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "hreflang" in attributes:
            self.hrefs.append(attributes["href"])


@pytest.mark.parametrize("path", ["//evil.example/", "///evil.example/x/", "/\\evil.example/"])
def test_the_language_link_of_a_404_page_stays_on_the_site(client, course, path):
    response = client.get("/", PATH_INFO=path)
    parser = _LanguageLinks()
    parser.feed(response.content.decode())

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert parser.hrefs
    for href in parser.hrefs:
        assert href.startswith("/")
        assert not href.startswith(("//", "/\\"))
