"""Learner text to safe HTML: a small Markdown subset (paragraphs, lists, emphasis, links) rendered
by markdown-it-py with raw HTML off, then cleaned by bleach against an allow-list. Whatever the
renderer lets through, only these tags and attributes and http(s)/mailto links survive."""

import bleach
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "em", "strong", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_renderer = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": True}).enable(
    ["list", "emphasis", "link", "newline", "escape", "autolink"]
)
_cleaner = bleach.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True)


def render_markdown(text: str) -> str:
    """The cleaned HTML of `text`; safe to mark safe in a template."""
    return _cleaner.clean(_renderer.render(text or ""))
