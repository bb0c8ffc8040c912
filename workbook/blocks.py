"""The named fields of an assignment, defined by the editor; each block's stable id keys the answer."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class AnswerFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Field name"), max_length=200)
    help_text = blocks.TextBlock(label=_("Help text"), required=False)
    rows = blocks.IntegerBlock(label=_("Height (lines)"), min_value=2, max_value=30, default=6)

    class Meta:
        icon = "form"
        label = _("Answer field")
        template = "workbook/blocks/answer_field_block.html"
        preview_value = {"label": "Problemen", "help_text": "Vilka tre problem är störst?", "rows": 6}
        description = _("A named text field the learner fills in.")


class AnswerFieldStreamBlock(blocks.StreamBlock):
    field = AnswerFieldBlock()

    class Meta:
        min_num = 1
