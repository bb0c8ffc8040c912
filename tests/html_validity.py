"""HTML validity as the tests check it: the WHATWG parsing algorithm (html5lib) reports no parse error,
no phrasing-only element (p, span, label, heading, …) holds a block, and no id is used twice.

html5lib implements the parser of the HTML standard, so a parse error here is one in every browser;
content-model rules are beyond a parser, and the block-in-phrasing check covers the one that bit us
(a list of password rules in a span). No Java-based validator is needed.
"""

from collections import Counter

import html5lib

NAMESPACE = "{http://www.w3.org/1999/xhtml}"
PHRASING_ONLY = {
    "p",
    "span",
    "label",
    "strong",
    "em",
    "b",
    "i",
    "small",
    "button",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
BLOCKS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip


def _local(tag) -> str:
    return tag.removeprefix(NAMESPACE) if isinstance(tag, str) else ""


def html_problems(html: str) -> list[str]:
    """Everything wrong with `html` (a whole document), as readable lines; empty when it is valid."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=True)
    tree = parser.parse(html)
    problems = []
    lines = html.splitlines()
    for (line, column), code, data in parser.errors:
        context = lines[line - 1][max(0, column - 60) : column + 20].strip() if 0 < line <= len(lines) else ""
        problems.append(f"parse error {code} {data or ''} at {line}:{column}: {context}")

    def walk(element, phrasing_ancestor: str | None) -> None:
        name = _local(element.tag)
        if phrasing_ancestor and name in BLOCKS:
            problems.append(f"<{name}> inside <{phrasing_ancestor}>")
        if name in PHRASING_ONLY:
            phrasing_ancestor = phrasing_ancestor or name
        if name in {"svg", "math"}:
            return
        for child in element:
            walk(child, phrasing_ancestor)

    walk(tree, None)
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    problems += [f'id "{value}" used {count} times' for value, count in ids.items() if count > 1]
    return problems
