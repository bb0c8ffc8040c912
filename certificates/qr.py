"""The QR code of a certificate's public check as inline SVG, for its page (the PDF draws its own).

One path of dark modules in module units, scaled by CSS; the same encoder and error-correction level
as the PDF's code. Takes plain values and knows no model.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reportlab.graphics.barcode.qr import QrCodeWidget

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_svg(data: str, *, label: str) -> SafeString:
    """An `<svg role="img">` QR code of `data`, with `label` as its accessible name (its alt text)."""
    qr = QrCodeWidget(data, barLevel="M").qr
    qr.make()
    size = qr.getModuleCount() + 2 * QUIET_ZONE
    runs = []
    for row_number, row in enumerate(qr.modules):
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                runs.append(f"M{start + QUIET_ZONE} {row_number + QUIET_ZONE}h{column - start}v1h-{column - start}z")
            else:
                column += 1
    return mark_safe(  # noqa: S308 - built from numbers, and the label is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f"<title>{escape(label)}</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{"".join(runs)}" fill="#000"/></svg>'
    )
