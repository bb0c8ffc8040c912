"""The certificate as a one-page A4 landscape PDF (reportlab, DejaVu Sans embedded).

Rendering is deterministic (reportlab's invariant mode): the same values give the same bytes,
so a regenerated PDF has the same text and layout. Invariant mode would date the document
2000-01-01; its creation date is the certificate's issue time instead, which is one of the values. Learner text is escaped before it reaches
reportlab's Paragraph markup. This module takes plain values and knows no model.
"""

import threading
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
BRAND = colors.HexColor("#1f4e79")
ACCENT = colors.HexColor("#f2b705")
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#4a5563")
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
QR_SIZE = 34 * mm
ISSUER = "Samverkansakademin"


_font_lock = threading.Lock()


def _register_fonts() -> None:
    with _font_lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _style(name: str, *, font: str = REGULAR, size: float = 12, color=INK, leading: float | None = None):
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading or size * 1.25, textColor=color, alignment=TA_CENTER
    )


def _fitted(text: str, *, font: str, max_size: float, min_size: float, width: float, max_lines: int) -> Paragraph:
    """A centred paragraph of `text` in the largest size (down to `min_size`) that fits in `max_lines`."""
    size = max_size
    while True:
        paragraph = Paragraph(escape(text), _style("fitted", font=font, size=size, leading=size * 1.2))
        _w, height = paragraph.wrap(width, PAGE_HEIGHT)
        if height <= max_lines * size * 1.2 + 0.1 or size <= min_size:
            return paragraph
        size -= 1


def _draw_centred(canvas: Canvas, paragraph: Paragraph, *, top: float, width: float) -> float:
    """Draw `paragraph` centred with its top at `top`; returns its bottom."""
    _w, height = paragraph.wrap(width, PAGE_HEIGHT)
    paragraph.drawOn(canvas, (PAGE_WIDTH - width) / 2, top - height)
    return top - height


def _draw_frame(canvas: Canvas) -> None:
    canvas.setFillColor(colors.white)
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(6)
    canvas.rect(12 * mm, 12 * mm, PAGE_WIDTH - 24 * mm, PAGE_HEIGHT - 24 * mm, stroke=1, fill=0)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, PAGE_WIDTH - 32 * mm, PAGE_HEIGHT - 32 * mm, stroke=1, fill=0)
    canvas.setFillColor(ACCENT)
    canvas.rect(PAGE_WIDTH / 2 - 30 * mm, PAGE_HEIGHT - 16 * mm - 2.5 * mm, 60 * mm, 2.5 * mm, stroke=0, fill=1)


def _draw_qr(canvas: Canvas, url: str, *, x: float, y: float) -> None:
    # The widget encodes the URL again each time it is measured or drawn: draw it once into shapes.
    symbol = QrCodeWidget(url, barLevel="M", barBorder=2).draw()
    left, bottom, right, top = symbol.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0])
    drawing.add(symbol)
    renderPDF.draw(drawing, canvas, x, y)


def _pdf_date(moment: datetime):
    """A reportlab date formatter that gives `moment` (in UTC) whatever time reportlab passes in."""
    utc = moment.astimezone(UTC)

    def formatter(*_ignored) -> str:
        return utc.strftime("D:%Y%m%d%H%M%S+00'00'")

    return formatter


def render_certificate(
    *,
    serial: str,
    holder: str,
    course: str,
    completed_at: datetime,
    issued_at: datetime,
    verification_url: str,
    language: str,
) -> bytes:
    """The certificate's PDF in `language`: `holder` completed `course`, checkable at `verification_url`.
    Its metadata: a title in `language`, the issuer as author, `issued_at` as creation date."""
    _register_fonts()
    buffer = BytesIO()
    with translation.override(language):
        completed_on = formats.date_format(timezone.localdate(completed_at), "DATE_FORMAT")
        canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
        canvas.setTitle(f"{_('Certificate of completion')} {serial}")
        canvas.setAuthor(ISSUER)
        canvas.setSubject(course)
        canvas.setCreator(ISSUER)
        canvas.setDateFormatter(_pdf_date(issued_at))
        _draw_frame(canvas)

        text_width = PAGE_WIDTH - 70 * mm
        top = PAGE_HEIGHT - 30 * mm
        # Each line of the title block, with the gap above it, centred from the top down.
        title_block = [
            (0, Paragraph("SAMVERKANSAKADEMIN", _style("brand", font=BOLD, size=13, color=BRAND))),
            (
                6 * mm,
                Paragraph(escape(_("Certificate of completion")), _style("title", font=BOLD, size=30, color=BRAND)),
            ),
            (8 * mm, Paragraph(escape(_("This certifies that")), _style("lead", size=14, color=MUTED))),
            (4 * mm, _fitted(holder, font=BOLD, max_size=28, min_size=14, width=text_width, max_lines=2)),
            (5 * mm, Paragraph(escape(_("has completed the training")), _style("lead2", size=14, color=MUTED))),
            (3 * mm, _fitted(course, font=BOLD, max_size=20, min_size=11, width=text_width, max_lines=2)),
            (
                4 * mm,
                Paragraph(escape(_("Completed on %(date)s") % {"date": completed_on}), _style("date", size=13)),
            ),
        ]
        for gap, flowable in title_block:
            top = _draw_centred(canvas, flowable, top=top - gap, width=text_width)

        about = _(
            "Samverkansakademin recreates the pilot training for local crime-prevention coordinators run by "
            "SKL (now SKR), the National Police Board and Brå in 2008–2012."
        )
        organisations = _(
            "Sveriges Kommuner och Regioner (SKR) · Polismyndigheten (formerly Rikspolisstyrelsen) · "
            "Brottsförebyggande rådet (Brå)"
        )
        footer_width = PAGE_WIDTH - 2 * 24 * mm - QR_SIZE - 10 * mm
        left = 24 * mm
        small = ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=12, textColor=MUTED)
        small_bold = ParagraphStyle("small-bold", parent=small, fontName=BOLD, textColor=INK)
        lines = [
            Paragraph(escape(organisations), small_bold),
            Paragraph(escape(about), small),
            Paragraph(escape(_("Serial number: %(serial)s") % {"serial": serial}), small_bold),
            Paragraph(
                escape(_("Check that this certificate is genuine at:")) + "<br/>" + escape(verification_url), small
            ),
        ]
        y = 24 * mm
        for paragraph in reversed(lines):
            _w, height = paragraph.wrap(footer_width, PAGE_HEIGHT)
            paragraph.drawOn(canvas, left, y)
            y += height + 1.5 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(left, max(y, 22 * mm + QR_SIZE) + 4 * mm, PAGE_WIDTH - 24 * mm, max(y, 22 * mm + QR_SIZE) + 4 * mm)
        _draw_qr(canvas, verification_url, x=PAGE_WIDTH - 24 * mm - QR_SIZE, y=22 * mm)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()
