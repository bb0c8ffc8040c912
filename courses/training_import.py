"""Reading the training in `content/`: front matter, Markdown, YAML and SVG files turned into the
field values of pages, with every problem reported by file and line. Nothing here touches the
database; `courses.training_load` applies what is read.

Step types of other apps (quizzes, workbook assignments) are read by the loaders those apps
register with the `register_training_step_loader` hook: courses/ knows no feature app.
"""

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from xml.etree.ElementTree import ParseError

from django.utils.html import escape

from wagtail import hooks

import yaml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from markdown_it import MarkdownIt

LANGUAGES = ("sv", "en")
SOURCE_LANGUAGE = "sv"
KEY_NAMESPACE = uuid.UUID("5b0d4a52-8f0e-4f4e-9a4e-3c8f1c1f7a11")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentProblem(Exception):
    """One problem in one file, raised while reading it."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(message)
        self.error = ContentError(path, line, message)


class TrainingContentError(Exception):
    """The content has problems; nothing was imported."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def translation_key(key: str) -> uuid.UUID:
    """The translation key shared by the Swedish and English page of one content key."""
    return uuid.uuid5(KEY_NAMESPACE, key)


def block_id(page_key: str, *parts: object) -> str:
    """A block id that is the same in both languages and from one import to the next, so that
    the English blocks line up with the Swedish ones (and wagtail-localize's segments with them)."""
    return str(uuid.uuid5(KEY_NAMESPACE, "/".join([page_key, *map(str, parts)])))


def content_hash(*values: Any) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


# YAML with line numbers ---------------------------------------------------------------------


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based, in the file)."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    line: int = 0


def _line_loader(first_line: int) -> type:
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = LineDict(yaml.SafeLoader.construct_mapping(loader, node, deep=True))
        mapping.line = node.start_mark.line + first_line
        mapping.lines = {key_node.value: key_node.start_mark.line + first_line for key_node, _ in node.value}
        return mapping

    def construct_sequence(loader, node, deep=False):
        sequence = LineList(yaml.SafeLoader.construct_sequence(loader, node, deep=True))
        sequence.line = node.start_mark.line + first_line
        return sequence

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def load_yaml(text: str, path: str, first_line: int = 1) -> LineDict:
    """Parse YAML whose first line is line `first_line` of the file; a mapping is required."""
    try:
        data = yaml.load(text, Loader=_line_loader(first_line))  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        raise ContentProblem(path, line, f"not valid YAML: {getattr(error, 'problem', error)}") from error
    if not isinstance(data, LineDict):
        raise ContentProblem(path, first_line, "expected key: value lines")
    return data


# Source files -------------------------------------------------------------------------------


@dataclass
class SourceFile:
    """One file of the content folder: its front matter (or whole YAML) and Markdown body."""

    path: str  # relative to the content folder, e.g. modules/01-x/quiz.sv.yaml
    language: str
    data: LineDict
    body: str = ""
    body_line: int = 1

    def require(self, name: str, kind: type = str) -> Any:
        value = self.data.get(name)
        if value is None or value == "":
            raise ContentProblem(self.path, self.data.line or 1, f"missing “{name}”")
        if not isinstance(value, kind):
            raise ContentProblem(self.path, self.data.line_of(name), f"“{name}” must be {kind.__name__}")
        return value

    def optional(self, name: str, kind: type = str, default: Any = "") -> Any:
        value = self.data.get(name, default)
        if value is None:
            return default
        if not isinstance(value, kind):
            raise ContentProblem(self.path, self.data.line_of(name), f"“{name}” must be {kind.__name__}")
        return value

    def line_of(self, name: str) -> int:
        return self.data.line_of(name)

    @property
    def key(self) -> str:
        return self.require("key")

    def common_fields(self) -> dict[str, Any]:
        """Title and slug, which every page has."""
        slug = self.require("slug")
        if not SLUG_PATTERN.match(slug):
            raise ContentProblem(self.path, self.line_of("slug"), "a slug is lower case letters, digits and hyphens")
        return {"title": self.require("title"), "slug": slug}


def read_source(root: Path, path: Path) -> SourceFile:
    relative = path.relative_to(root).as_posix()
    parts = path.name.split(".")
    if len(parts) < 3 or parts[-2] not in LANGUAGES:
        raise ContentProblem(relative, 1, "the file name must end in .sv.<ext> or .en.<ext>")
    language = parts[-2]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentProblem(relative, 1, "not UTF-8 text") from error
    if path.suffix == ".md":
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            raise ContentProblem(relative, 1, "a Markdown file starts with front matter between --- lines")
        try:
            end = next(number for number in range(1, len(lines)) if lines[number].strip() == "---")
        except StopIteration:
            raise ContentProblem(relative, 1, "the front matter is not closed by a --- line") from None
        data = load_yaml("\n".join(lines[1:end]), relative, first_line=2)
        return SourceFile(relative, language, data, body="\n".join(lines[end + 1 :]), body_line=end + 2)
    return SourceFile(relative, language, load_yaml(text, relative))


# Markdown -----------------------------------------------------------------------------------

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

INLINE_TAGS = {"strong": "b", "em": "i"}
SAFE_LINK = re.compile(r"^(https://|http://|mailto:)", re.IGNORECASE)


@dataclass
class Block:
    """A StreamField block as JSON, with the line it came from."""

    type: str
    value: Any
    line: int


def _inline_html(token, path: str, line: int) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(escape(child.content))
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("<br/>")
        elif child.type in ("strong_open", "em_open"):
            parts.append(f"<{INLINE_TAGS[child.tag]}>")
        elif child.type in ("strong_close", "em_close"):
            parts.append(f"</{INLINE_TAGS[child.tag]}>")
        elif child.type == "link_open":
            href = child.attrGet("href") or ""
            if not SAFE_LINK.match(href):
                raise ContentProblem(path, line, f"a link must start with https://, http:// or mailto: ({href})")
            parts.append(f'<a href="{escape(href)}">')
        elif child.type == "link_close":
            parts.append("</a>")
        elif child.type == "code_inline":
            parts.append(escape(child.content))
        else:
            raise ContentProblem(path, line, f"unsupported Markdown ({child.type})")
    return "".join(parts)


def _token_line(token, first_line: int) -> int:
    return first_line + (token.map[0] if token.map else 0)


def markdown_blocks(text: str, path: str, first_line: int, *, headings: bool = True) -> list[Block]:
    """Markdown to heading, paragraph (rich text) and table blocks; consecutive paragraphs and
    lists are one paragraph block."""
    tokens = _markdown.parse(text)
    blocks: list[Block] = []
    html: list[str] = []
    html_line = first_line
    index = 0

    def flush():
        if html:
            blocks.append(Block("paragraph", "".join(html), html_line))
            html.clear()

    while index < len(tokens):
        token = tokens[index]
        line = _token_line(token, first_line)
        if token.type == "heading_open":
            if not headings or token.tag not in ("h2", "h3"):
                raise ContentProblem(path, line, f"a {'#' * int(token.tag[1])} heading is not allowed here")
            flush()
            blocks.append(Block("heading", {"text": tokens[index + 1].content, "level": token.tag}, line))
            index += 3
            continue
        if token.type == "table_open":
            flush()
            table, index = _table(tokens, index, path, line)
            blocks.append(Block("table", table, line))
            continue
        if not html:
            html_line = line
        if token.type == "paragraph_open":
            if not token.hidden:
                html.append("<p>")
        elif token.type == "paragraph_close":
            if not token.hidden:
                html.append("</p>")
        elif token.type in ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close"):
            html.append(f"<{'/' if token.nesting < 0 else ''}{token.tag}>")
        elif token.type == "list_item_open":
            html.append("<li>")
        elif token.type == "list_item_close":
            html.append("</li>")
        elif token.type == "inline":
            html.append(_inline_html(token, path, line))
        else:
            raise ContentProblem(path, line, f"unsupported Markdown ({token.type})")
        index += 1
    flush()
    return blocks


def _table(tokens, index: int, path: str, line: int) -> tuple[dict, int]:
    header: list[str] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if not in_head:
                rows.append(row)
        elif token.type == "inline":
            (header if in_head else row).append(_inline_text(token))
        index += 1
    if any(len(cells) != len(header) for cells in rows):
        raise ContentProblem(path, line, "every table row needs as many cells as the header")
    return {"header": header, "rows": rows}, index + 1


def _inline_text(token) -> str:
    """Table cells are plain text: emphasis is dropped, links keep their text."""
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def markdown_html(text: str, path: str, first_line: int) -> str:
    """Markdown without headings, as one piece of rich text (a fact box, a description)."""
    blocks = markdown_blocks(text, path, first_line, headings=False)
    if any(block.type != "paragraph" for block in blocks):
        raise ContentProblem(path, first_line, "only paragraphs and lists are allowed here")
    return "".join(block.value for block in blocks)


# Directives (::: fact, ::: case, ::: reflection, ::: quote, ::: figure) ----------------------

DIRECTIVE = re.compile(r"^:::\s*(\S+)\s*(.*?)\s*$")


@dataclass
class Figure:
    """A diagram: the block is completed with the image once the diagram is stored."""

    source: str  # path relative to the content folder
    alt: str
    caption: str


def body_blocks(source: SourceFile, diagrams: dict[str, "Diagram"]) -> list[Block]:
    """The body of a lesson or information page as blocks (image blocks carry a Figure)."""
    path = source.path
    lines = source.body.splitlines()
    blocks: list[Block] = []
    chunk: list[str] = []
    chunk_line = source.body_line
    number = 0

    def flush_markdown():
        if chunk:
            blocks.extend(markdown_blocks("\n".join(chunk), path, chunk_line))
            chunk.clear()

    while number < len(lines):
        match = DIRECTIVE.match(lines[number])
        if not match:
            if not chunk:
                chunk_line = source.body_line + number
            chunk.append(lines[number])
            number += 1
            continue
        flush_markdown()
        start = source.body_line + number
        kind, argument = match.groups()
        inner: list[str] = []
        number += 1
        while number < len(lines) and lines[number].strip() != ":::":
            if lines[number].startswith(":::"):
                raise ContentProblem(path, source.body_line + number, "directives cannot be nested")
            inner.append(lines[number])
            number += 1
        if number == len(lines):
            raise ContentProblem(path, start, f"“::: {kind}” is not closed by a ::: line")
        number += 1
        blocks.append(_directive(kind, argument, "\n".join(inner), path, start, diagrams))
    flush_markdown()
    return blocks


def _directive(kind: str, argument: str, text: str, path: str, line: int, diagrams: dict) -> Block:
    if kind in ("fact", "case"):
        if not argument:
            raise ContentProblem(path, line, f"“::: {kind}” needs a title")
        body = markdown_html(text, path, line + 1)
        return Block("fact_box" if kind == "fact" else "case", {"title": argument, "body": body}, line)
    if kind in ("reflection", "quote", "figure"):
        data = load_yaml(text, path, first_line=line + 1)
        if kind == "reflection":
            question = _required_text(data, "question", path)
            return Block("reflection", {"question": question, "guidance": _text(data, "guidance", path)}, line)
        if kind == "quote":
            quote = _required_text(data, "text", path)
            return Block("quote", {"quote": quote, "attribution": _text(data, "source", path)}, line)
        if not argument:
            raise ContentProblem(path, line, "“::: figure” needs the diagram's path")
        if argument not in diagrams:
            raise ContentProblem(path, line, f"no diagram {argument}")
        figure = Figure(argument, _required_text(data, "alt", path), _text(data, "caption", path))
        return Block("image", figure, line)
    raise ContentProblem(path, line, f"unknown block type “{kind}”")


def _required_text(data: LineDict, name: str, path: str) -> str:
    value = _text(data, name, path)
    if not value:
        raise ContentProblem(path, data.line, f"missing “{name}”")
    return value


def _text(data: LineDict, name: str, path: str) -> str:
    value = data.get(name) or ""
    if not isinstance(value, str):
        raise ContentProblem(path, data.line_of(name), f"“{name}” must be text")
    return value.strip()


def words(blocks: Iterable[Block]) -> int:
    """Words of running text in a body (for the 400-word floor of a lesson)."""
    text = []
    for block in blocks:
        if isinstance(block.value, str):
            text.append(block.value)
        elif isinstance(block.value, dict):
            text.extend(str(value) for value in block.value.values() if isinstance(value, str))
    return len(re.sub(r"<[^>]+>", " ", " ".join(text)).split())


# SVG diagrams -------------------------------------------------------------------------------

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


@dataclass
class Diagram:
    path: str
    data: bytes

    @property
    def hash(self) -> str:
        return hashlib.sha1(self.data, usedforsecurity=False).hexdigest()


def _line_of(text: str, needle: str) -> int:
    position = text.lower().find(needle.lower())
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def check_svg(path: str, data: bytes) -> None:
    """Refuse an SVG that could run script or load anything: <script>, event attributes (on…),
    links that are not fragment references (#id), url(…) that is not url(#…), and @import."""
    text = data.decode("utf-8", errors="replace")
    try:
        root = parse_xml(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise ContentProblem(path, 1, f"not a well-formed SVG file ({error})") from error
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ContentProblem(path, 1, "not an SVG file")
    for element in root.iter():
        name = str(element.tag).rsplit("}", 1)[-1]
        if name.lower() in ("script", "foreignobject"):
            raise ContentProblem(path, _line_of(text, f"<{name}"), f"an SVG may not contain <{name}>")
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                raise ContentProblem(
                    path, _line_of(text, f"{local}="), f"an SVG may not have event attributes ({local})"
                )
            if (attribute in ("href", XLINK_HREF)) and not value.startswith("#"):
                raise ContentProblem(path, _line_of(text, value), f"an SVG may not refer to anything outside ({value})")
            if EXTERNAL_URL.search(value):
                raise ContentProblem(path, _line_of(text, "url("), "an SVG may not load anything with url()")
        if name == "style" and element.text:
            if "@import" in element.text.lower():
                raise ContentProblem(path, _line_of(text, "@import"), "an SVG may not use @import")
            if EXTERNAL_URL.search(element.text):
                raise ContentProblem(path, _line_of(text, "url("), "an SVG may not load anything with url()")


# Step loaders registered by feature apps ----------------------------------------------------


class StepLoader(Protocol):
    """Reads one kind of step file, `<name>.<lang>.yaml`, into the fields of `page_model`.

    Registered by a feature app with::

        @hooks.register("register_training_step_loader")
        def quiz_loader():
            return QuizLoader()
    """

    name: str
    page_model: type

    def fields(self, source: SourceFile) -> dict[str, Any]:
        """The page's field values (StreamFields as lists of {type, id, value}); raise ContentProblem."""

    def check_translation(self, swedish: dict[str, Any], english: dict[str, Any], source: SourceFile) -> None:
        """Raise ContentProblem (in the English file) where the English differs in more than text."""


def step_loaders() -> dict[str, StepLoader]:
    return {loader.name: loader for loader in (hook() for hook in hooks.get_hooks("register_training_step_loader"))}


# The plan: what the content folder says the tree is ------------------------------------------


@dataclass
class PageSpec:
    """One page in both languages, in tree order (a parent comes before its children)."""

    key: str
    model: type
    parent_key: str | None  # None: under the home page
    sources: dict[str, SourceFile]
    fields: dict[str, dict[str, Any]]  # per language
    figures: dict[str, list[tuple[int, Figure]]] = field(default_factory=dict)  # per language: (block index, figure)
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # per language: block id -> line

    def hash(self, language: str) -> str:
        return content_hash(self.model._meta.label, self.parent_key, self.fields[language])


@dataclass
class Plan:
    pages: list[PageSpec]
    diagrams: dict[str, Diagram]
    skipped: list[str]  # files no loader is registered for
    words: dict[str, int]  # lesson path -> words

    def by_model(self, model: type) -> list[PageSpec]:
        return [spec for spec in self.pages if spec.model is model]


def read_training(root: Path, *, models: dict[str, type]) -> Plan:
    """Read and check the whole content folder. `models` names the courses page types
    (information, course, module, lesson). Raises TrainingContentError listing every problem."""
    reader = _Reader(root, models)
    reader.read()
    if reader.errors:
        raise TrainingContentError(reader.errors)
    return Plan(reader.pages, reader.diagrams, reader.skipped, reader.words)


class _Reader:
    def __init__(self, root: Path, models: dict[str, type]):
        self.root = root
        self.models = models
        self.loaders = step_loaders()
        self.errors: list[ContentError] = []
        self.pages: list[PageSpec] = []
        self.diagrams: dict[str, Diagram] = {}
        self.skipped: list[str] = []
        self.words: dict[str, int] = {}
        self.keys: dict[str, str] = {}

    def attempt(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except ContentProblem as problem:
            self.errors.append(problem.error)
            return None

    def read(self) -> None:
        self.read_diagrams()
        for path in sorted((self.root / "pages").glob("*.sv.md")):
            self.add_pair(path, "information", None, self.information_fields)
        course = self.add_pair(self.root / "course.sv.yaml", "course", None, self.course_fields)
        if course is None:
            return
        for folder in sorted(path for path in (self.root / "modules").iterdir() if path.is_dir()):
            module = self.add_pair(folder / "module.sv.md", "module", course.key, self.module_fields)
            if module is None:
                continue
            for path in sorted(folder.glob("[0-9]*.sv.md")):
                spec = self.add_pair(path, "lesson", module.key, self.lesson_fields)
                if spec is not None:
                    self.words[spec.sources["sv"].path] = words(
                        Block(item["type"], item["value"], 0) for item in spec.fields["sv"]["body"]
                    )
            for path in sorted(folder.glob("*.sv.yaml")):
                name = path.name.split(".")[0]
                loader = self.loaders.get(name)
                if loader is None:
                    self.skipped.append(path.relative_to(self.root).as_posix())
                    continue
                self.add_pair(path, loader, module.key, loader.fields)
        self.check_orphans()

    def read_diagrams(self) -> None:
        for path in sorted((self.root / "diagrams").glob("*.svg")):
            relative = path.relative_to(self.root).as_posix()
            data = path.read_bytes()
            # A refused diagram is still known, so that the lessons using it report nothing more.
            self.attempt(lambda relative=relative, data=data: check_svg(relative, data))
            self.diagrams[relative] = Diagram(relative, data)

    def check_orphans(self) -> None:
        for path in sorted(self.root.rglob("*.en.*")):
            twin = path.with_name(path.name.replace(".en.", ".sv."))
            if not twin.exists():
                relative = path.relative_to(self.root).as_posix()
                self.errors.append(ContentError(relative, 1, "an English file without its Swedish original"))

    def add_pair(self, path: Path, kind, parent_key: str | None, reader: Callable) -> PageSpec | None:
        sv = self.attempt(lambda: read_source(self.root, path))
        relative = path.relative_to(self.root).as_posix()
        en_path = path.with_name(path.name.replace(".sv.", ".en."))
        if not en_path.exists():
            self.errors.append(ContentError(relative, 1, f"no English translation ({en_path.name})"))
            return None
        en = self.attempt(lambda: read_source(self.root, en_path))
        if sv is None or en is None:
            return None
        key = self.attempt(lambda: sv.key)
        en_key = self.attempt(lambda: en.key)
        if key is None or en_key is None:
            return None
        if en_key != key:
            self.errors.append(ContentError(en.path, en.line_of("key"), f"the key must be “{key}”, as in Swedish"))
            return None
        if key in self.keys:
            self.errors.append(ContentError(sv.path, sv.line_of("key"), f"the key “{key}” is used by {self.keys[key]}"))
            return None
        self.keys[key] = sv.path
        model = kind.page_model if not isinstance(kind, str) else self.models[kind]
        spec = PageSpec(key, model, parent_key, {"sv": sv, "en": en}, {}, {}, {})
        for language, source in (("sv", sv), ("en", en)):
            values = self.attempt(lambda source=source, language=language: self.page_fields(reader, source, spec))
            if values is None:
                return None
            spec.fields[language] = values
        if not isinstance(kind, str):
            if self.attempt(lambda: kind.check_translation(spec.fields["sv"], spec.fields["en"], en) or True) is None:
                return None
        elif self.attempt(lambda: self.check_same_shape(spec) or True) is None:
            return None
        self.pages.append(spec)
        return spec

    def page_fields(self, reader: Callable, source: SourceFile, spec: PageSpec) -> dict[str, Any]:
        values = reader(source)
        for name, value in list(values.items()):
            if isinstance(value, list) and value and isinstance(value[0], Block):
                values[name] = self.stream(value, source, spec, name)
        return values

    def stream(self, blocks: list[Block], source: SourceFile, spec: PageSpec, field_name: str) -> list[dict]:
        allowed = spec.model._meta.get_field(field_name).stream_block.child_blocks
        items = []
        lines = spec.lines.setdefault(source.language, {})
        for index, block in enumerate(blocks):
            if block.type not in allowed:
                raise ContentProblem(source.path, block.line, f"unknown block type “{block.type}” on this page")
            identifier = block_id(spec.key, field_name, index)
            lines[identifier] = block.line
            value = block.value
            if isinstance(value, Figure):
                spec.figures.setdefault(source.language, []).append((index, value))
                value = {"image": None, "alt_text": value.alt, "caption": value.caption}
            elif block.type == "table":
                value = {
                    "caption": "",
                    "header": [
                        {"type": "item", "id": block_id(identifier, "h", n), "value": v}
                        for n, v in enumerate(value["header"])
                    ],
                    "rows": [
                        {
                            "type": "item",
                            "id": block_id(identifier, "r", r),
                            "value": [
                                {"type": "item", "id": block_id(identifier, r, n), "value": v}
                                for n, v in enumerate(row)
                            ],
                        }
                        for r, row in enumerate(value["rows"])
                    ],
                }
            items.append({"type": block.type, "id": identifier, "value": value})
        return items

    def check_same_shape(self, spec: PageSpec) -> None:
        """The English page has the same blocks, in the same order, as the Swedish one."""
        for name, value in spec.fields["sv"].items():
            if not (isinstance(value, list) and value and isinstance(value[0], dict)):
                continue
            english = spec.fields["en"].get(name) or []
            sv_types = [item["type"] for item in value]
            en_types = [item["type"] for item in english]
            if sv_types != en_types:
                differs = next(
                    (n for n, (a, b) in enumerate(zip(sv_types, en_types, strict=False)) if a != b),
                    min(len(sv_types), len(en_types)),
                )
                en_lines = spec.lines.get("en", {})
                line = (
                    en_lines.get(english[differs]["id"], 1) if differs < len(english) else spec.sources["en"].body_line
                )
                raise ContentProblem(
                    spec.sources["en"].path,
                    line,
                    f"the English blocks differ from the Swedish ones from block {differs + 1} on "
                    f"(Swedish: {', '.join(sv_types[differs : differs + 3]) or 'none'}; "
                    f"English: {', '.join(en_types[differs : differs + 3]) or 'none'})",
                )

    # Readers of the courses page types ----------------------------------------------------

    def information_fields(self, source: SourceFile) -> dict[str, Any]:
        return {
            **source.common_fields(),
            "intro": source.optional("intro").strip(),
            "show_in_menus": bool(source.optional("show_in_menus", bool, False)),
            "body": body_blocks(source, self.diagrams),
        }

    def course_fields(self, source: SourceFile) -> dict[str, Any]:
        description = source.optional("description")
        return {
            **source.common_fields(),
            "summary": source.require("summary").strip(),
            "audience": source.optional("audience").strip(),
            "estimated_hours": source.optional("estimated_hours", int, None),
            "description": markdown_html(description, source.path, source.line_of("description") + 1),
        }

    def module_fields(self, source: SourceFile) -> dict[str, Any]:
        objectives = source.optional("objectives", list, [])
        if any(not isinstance(item, str) for item in objectives):
            raise ContentProblem(source.path, source.line_of("objectives"), "each objective is a line of text")
        items = "".join(f"<li>{escape(item.strip())}</li>" for item in objectives)
        return {
            **source.common_fields(),
            "summary": source.optional("summary").strip(),
            "objectives": f"<ul>{items}</ul>" if items else "",
        }

    def lesson_fields(self, source: SourceFile) -> dict[str, Any]:
        body = body_blocks(source, self.diagrams)
        if not body:
            raise ContentProblem(source.path, source.body_line, "the lesson has no body")
        return {
            **source.common_fields(),
            "summary": source.optional("summary").strip(),
            "estimated_minutes": source.optional("estimated_minutes", int, None),
            "body": body,
        }
