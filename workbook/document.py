"""The compiled "Lägesbild och åtgärdsplan" as an A4 PDF (reportlab, DejaVu Sans embedded) and a
.docx (python-docx). Takes plain values and knows no model. Learner text is plain text with a small
Markdown subset: paragraphs and list items are kept, every character is escaped for reportlab."""

import re
import threading
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _

import docx
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
BRAND = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#4a5563")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Characters XML 1.0 (and so .docx) cannot hold.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_font_lock = threading.Lock()


@dataclass
class DocumentField:
    label: str
    text: str


@dataclass
class DocumentAssignment:
    title: str
    fields: list[DocumentField] = field(default_factory=list)
    state: str = ""


@dataclass
class DocumentSection:
    title: str
    assignments: list[DocumentAssignment] = field(default_factory=list)


@dataclass
class DocumentContent:
    municipality: str
    course: str
    authors: list[str]
    created_on: date
    sections: list[DocumentSection]
    language: str = "sv"

    @property
    def title(self) -> str:
        return _("Situation picture and action plan for %(municipality)s") % {"municipality": self.municipality}


def blocks_of(text: str) -> list[tuple[str, list[str]]]:
    """The text as [("p", [lines]) or ("list", [items])], split on blank lines and list markers."""
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", CONTROL.sub("", text or "").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(LIST_ITEM.match(line) for line in lines):
            blocks.append(("list", [LIST_ITEM.sub("", line, count=1) for line in lines]))
        else:
            blocks.append(("p", lines))
    return blocks


def _register_fonts() -> None:
    with _font_lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _meta_lines(content: DocumentContent) -> list[str]:
    return [
        _("Course: %(course)s") % {"course": content.course},
        _("Authors: %(authors)s") % {"authors": ", ".join(content.authors)},
        _("Date: %(date)s") % {"date": formats.date_format(content.created_on, "j F Y")},
    ]


def render_pdf(content: DocumentContent) -> bytes:
    _register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14, spaceAfter=5)
    meta = ParagraphStyle("meta", parent=body, textColor=MUTED, spaceAfter=2)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=25, textColor=BRAND, spaceAfter=8)
    h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=15, leading=19, textColor=BRAND, spaceBefore=10, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=6, spaceAfter=4)
    h3 = ParagraphStyle("h3", fontName=BOLD, fontSize=10.5, leading=14, textColor=MUTED, spaceBefore=4, spaceAfter=2)
    buffer = BytesIO()
    with translation.override(content.language):
        story = [Paragraph(escape(content.title), title)]
        story += [Paragraph(escape(line), meta) for line in _meta_lines(content)]
        story.append(Spacer(1, 6 * mm))
        for section in content.sections:
            story.append(Paragraph(escape(section.title), h1))
            for assignment in section.assignments:
                story.append(Paragraph(escape(assignment.title), h2))
                for item in assignment.fields:
                    story.append(Paragraph(escape(item.label), h3))
                    blocks = blocks_of(item.text)
                    if not blocks:
                        story.append(Paragraph(escape(_("(not answered)")), meta))
                    for kind, lines in blocks:
                        if kind == "list":
                            story.append(
                                ListFlowable(
                                    [ListItem(Paragraph(escape(line), body)) for line in lines],
                                    bulletType="bullet",
                                    bulletFontName=REGULAR,
                                    leftIndent=12,
                                )
                            )
                        else:
                            story.append(Paragraph("<br/>".join(escape(line) for line in lines), body))
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=22 * mm,
            rightMargin=22 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=content.title,
            author=", ".join(content.authors),
            subject=content.course,
            creator="Samverkansakademin",
            invariant=1,
        )
        document.build(story)
    return buffer.getvalue()


def render_docx(content: DocumentContent) -> bytes:
    with translation.override(content.language):
        document = docx.Document()
        document.core_properties.title = content.title
        document.core_properties.author = ", ".join(content.authors)
        document.core_properties.subject = content.course
        document.add_heading(content.title, level=0)
        for line in _meta_lines(content):
            run = document.add_paragraph().add_run(line)
            run.font.color.rgb = RGBColor(0x4A, 0x55, 0x63)
        for section in content.sections:
            document.add_heading(section.title, level=1)
            for assignment in section.assignments:
                document.add_heading(assignment.title, level=2)
                for item in assignment.fields:
                    document.add_heading(item.label, level=3)
                    blocks = blocks_of(item.text)
                    if not blocks:
                        document.add_paragraph(_("(not answered)")).runs[0].font.italic = True
                    for kind, lines in blocks:
                        if kind == "list":
                            for line in lines:
                                document.add_paragraph(line, style="List Bullet")
                        else:
                            paragraph = document.add_paragraph()
                            for number, line in enumerate(lines):
                                run = paragraph.add_run(line)
                                run.font.size = Pt(11)
                                if number < len(lines) - 1:
                                    run.add_break()
        buffer = BytesIO()
        document.save(buffer)
    return buffer.getvalue()
