from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading_block.html"
        preview_value = {"text": "Samverkan för trygghet", "level": "h2"}
        description = _("A section heading inside the lesson")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.TextBlock(
        label=_("Alternative text"),
        max_length=1000,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image_block.html"
        description = _("An image with required alternative text")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "courses/blocks/quote_block.html"
        preview_value = {
            "quote": "Brottsförebyggande arbete börjar med en gemensam bild av problemen.",
            "attribution": "Samverkansakademin",
        }
        description = _("A quotation with its source")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "courses/blocks/fact_box_block.html"
        preview_value = {
            "title": "Visste du?",
            "body": "<p>Sedan 2015 är Polismyndigheten indelad i sju polisregioner.</p>",
        }
        description = _("A highlighted box with facts")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(label=_("Transcript or description"), required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"
        description = _("An embedded video with a title and transcript")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "courses/blocks/document_block.html"
        description = _("A file the learner can download")


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = blocks.RichTextBlock(label=_("Case"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "group"
        label = _("Case / scenario")
        template = "courses/blocks/case_block.html"
        preview_value = {
            "title": "Fallet Storby",
            "body": "<p>I Storby har anmälningarna om skadegörelse vid busstationen ökat under hösten.</p>",
        }
        description = _("A realistic case for the learner to think about")


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    guidance = blocks.TextBlock(label=_("Guidance"), required=False)

    class Meta:
        icon = "help"
        label = _("Reflection question")
        template = "courses/blocks/reflection_block.html"
        preview_value = {
            "question": "Vilka aktörer i din kommun borde ingå i styrgruppen?",
            "guidance": "Tänk på både förvaltningar och externa parter.",
        }
        description = _("A question for the learner to reflect on")


class LessonStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="courses/blocks/paragraph_block.html",
        preview_value="<p>Lokalt brottsförebyggande arbete bygger på samverkan.</p>",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    video = VideoBlock()
    document = DocumentBlock()
    case = CaseBlock()
    reflection = ReflectionBlock()


class TableBlock(blocks.StructBlock):
    """A simple table of text with a header row. A StructBlock of text blocks rather than Wagtail's
    TableBlock or TypedTableBlock, so that wagtail-localize offers every cell for translation."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading"), max_length=250), label=_("Header row"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.TextBlock(label=_("Cell")), label=_("Row")),
        label=_("Rows"),
        help_text=_("Each row has as many cells as the header row."),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "courses/blocks/table_block.html"
        preview_value = {
            "caption": "",
            "header": ["Svenska", "English"],
            "rows": [["samverkan", "cooperation"], ["lägesbild", "situation picture"]],
        }
        description = _("A table of text with a header row")

    def clean(self, value):
        value = super().clean(value)
        columns = len(value["header"])
        if any(len(row) != columns for row in value["rows"]):
            raise StructBlockValidationError(
                block_errors={"rows": ValidationError(_("Each row needs as many cells as the header row."))}
            )
        return value


class InformationStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="courses/blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()
    table = TableBlock()
