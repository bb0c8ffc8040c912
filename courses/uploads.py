"""Upload forms of the Wagtail admin (WAGTAILIMAGES_IMAGE_FORM_BASE, WAGTAILDOCS_DOCUMENT_FORM_BASE).

Images: the format is read from the content by Willow (never from the name), SVG and anything
else not raster is refused, and the picture is decoded and encoded again, so what is stored is a
plain image of the format it claims, without metadata (EXIF location) or anything appended.
Documents: size limit, and the content must match the extension (a PDF starts like a PDF, an
office file is the zip it claims to be, a text or CSV file is UTF-8 text and not HTML).
"""

import re
import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from willow.image import Image as WillowImage
from willow.plugins.pillow import PillowImage

# Willow format name: (save operation, extension, content type).
RASTER_FORMATS = {
    "jpeg": ("save_as_jpeg", "jpg", "image/jpeg"),
    "png": ("save_as_png", "png", "image/png"),
    "gif": ("save_as_gif", "gif", "image/gif"),
    "webp": ("save_as_webp", "webp", "image/webp"),
}
KEPT_IMAGE_INFO = {"icc_profile", "transparency", "duration", "loop", "background"}
OFFICE_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
}
LOOKS_LIKE_HTML = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b", re.IGNORECASE)


def reencode_image(upload: UploadedFile) -> SimpleUploadedFile:
    """The uploaded picture decoded and encoded again in its own (raster) format."""
    upload.seek(0)
    try:
        image = WillowImage.open(upload)
        format_name = image.format_name
    except Exception as error:  # Willow and Pillow raise many kinds for a bad file
        raise ValidationError(_("This file is not an image that can be read."), code="invalid_image") from error
    if format_name not in RASTER_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG, GIF and WebP images can be uploaded (SVG and other formats are refused)."),
            code="invalid_image_format",
        )
    operation, extension, content_type = RASTER_FORMATS[format_name]
    output = BytesIO()
    # Turned upright by its EXIF orientation; then every piece of metadata but the colour profile
    # and what draws the picture (transparency, frame timing) is dropped: Willow would copy EXIF.
    pillow = image.auto_orient().get_pillow_image().copy()
    pillow.info = {key: value for key, value in pillow.info.items() if key in KEPT_IMAGE_INFO}
    getattr(PillowImage(pillow), operation)(output)
    name = f"{Path(upload.name).stem}.{extension}"
    return SimpleUploadedFile(name, output.getvalue(), content_type=content_type)


class ImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return reencode_image(upload)
        return upload


def check_document(upload: UploadedFile) -> None:
    """Refuse a document that is too large or whose content does not match its extension."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    extension = Path(upload.name).suffix.lower().lstrip(".")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if extension == "pdf":
        matches = content.startswith(b"%PDF-")
    elif extension in {"docx", "xlsx", "pptx", "odt"}:
        matches = _is_office_file(content, extension)
    elif extension in {"csv", "txt"}:
        matches = _is_plain_text(content)
    else:
        matches = False
    if not matches:
        raise ValidationError(
            _("The content of this file is not what its name says (.%(extension)s)."),
            params={"extension": extension},
            code="content_mismatch",
        )


def _is_office_file(content: bytes, extension: str) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            if extension in OFFICE_MIMETYPES:
                return "mimetype" in names and archive.read("mimetype").decode() == OFFICE_MIMETYPES[extension]
            return "[Content_Types].xml" in names
    except (zipfile.BadZipFile, UnicodeDecodeError, KeyError):
        return False


def _is_plain_text(content: bytes) -> bool:
    if b"\x00" in content or LOOKS_LIKE_HTML.search(content[:4096]):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload
