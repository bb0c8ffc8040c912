"""Learner Markdown is rendered with raw HTML off and cleaned by bleach: no payload survives as markup."""

from html.parser import HTMLParser

import pytest

from workbook.markdown import ALLOWED_TAGS, render_markdown

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](javascript&colon;alert(1))",
    "[klick]( javascript:alert(1))",
    "[klick](vbscript:msgbox(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klick](&#106;avascript:alert(1))",
    "[klick](java\tscript:alert(1))",
    "<javascript:alert(1)>",
    '![bild](x" onerror="alert(1))',
    '[x](https://example.se "title" onmouseover="alert(1)")',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<link rel=stylesheet href=//evil.example/x.css>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<<script>script>alert(1)<</script>/script>",
    "*<img src=x onerror=alert(1)>*",
    "- <a href=javascript:alert(1)>lista</a>",
    "**[fet](javascript:alert(1))**",
    '<a href="https://example.se" onclick="alert(1)">x</a>',
    '"><script>alert(1)</script>',
    '=HYPERLINK("http://evil.example","x")',
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def test_the_corpus_has_at_least_thirty_payloads():
    assert len(XSS_CORPUS) >= 30


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_no_payload_survives_as_markup(payload):
    html = render_markdown(payload)
    for tag, attrs in parsed(html):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= {"href", "title"}
        assert not any(name.startswith("on") for name in attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:"))
    assert "<script" not in html.lower()


def test_the_markdown_subset_renders():
    html = render_markdown("Ett *viktigt* och **fett** ord.\n\n- ett\n- två\n\n1. a\n\n[Brå](https://bra.se)")
    assert "<em>viktigt</em>" in html
    assert "<strong>fett</strong>" in html
    assert "<ul>" in html and "<ol>" in html
    assert '<a href="https://bra.se">Brå</a>' in html


def test_headings_images_and_code_stay_plain_text():
    html = render_markdown("# Rubrik\n\n![bild](https://example.se/x.png)\n\n`kod`")
    assert "<h1" not in html and "<img" not in html and "<code" not in html
