"""Reading `assignment.<lang>.yaml` files of the training content into AssignmentPage fields
(registered with courses' `register_training_step_loader` hook in wagtail_hooks.py)."""

from typing import Any

from courses.training_import import ContentProblem, LineDict, SourceFile, markdown_html

from .models import AssignmentPage

FIELD_KEY_LIMIT = 40


class AssignmentLoader:
    name = "assignment"
    page_model = AssignmentPage

    def fields(self, source: SourceFile) -> dict[str, Any]:
        items = source.require("fields", list)
        fields = [self.field(item, source) for item in items]
        keys = [field["id"] for field in fields]
        duplicate = next((key for number, key in enumerate(keys) if key in keys[:number]), None)
        if duplicate:
            raise ContentProblem(source.path, source.line_of("fields"), f"the field key “{duplicate}” is used twice")
        if not fields:
            raise ContentProblem(source.path, source.line_of("fields"), "an assignment needs at least one field")
        return {
            **source.common_fields(),
            "summary": source.optional("summary").strip(),
            "prompt": markdown_html(source.require("prompt"), source.path, source.line_of("prompt") + 1),
            "guidance": markdown_html(source.optional("guidance"), source.path, source.line_of("guidance") + 1),
            "fields": fields,
        }

    @staticmethod
    def field(item: Any, source: SourceFile) -> dict[str, Any]:
        if not isinstance(item, LineDict):
            raise ContentProblem(source.path, source.line_of("fields"), "each field is a mapping")
        key, label, help_text = item.get("key"), item.get("label"), item.get("help") or ""
        if not isinstance(key, str) or not key or len(key) > FIELD_KEY_LIMIT:
            raise ContentProblem(source.path, item.line, "a field needs a short key")
        if not isinstance(label, str) or not label.strip():
            raise ContentProblem(source.path, item.line, f"the field {key} needs a label")
        if not isinstance(help_text, str):
            raise ContentProblem(source.path, item.line_of("help"), "“help” must be text")
        rows = item.get("rows", 6)
        if not isinstance(rows, int) or not 2 <= rows <= 30:
            raise ContentProblem(source.path, item.line_of("rows"), "rows is a whole number, 2–30")
        # The key is the block id: the answer to a field is stored under it, in both languages.
        return {
            "type": "field",
            "id": key,
            "value": {"label": label.strip(), "help_text": help_text.strip(), "rows": rows},
        }

    def check_translation(self, swedish: dict[str, Any], english: dict[str, Any], source: SourceFile) -> None:
        """The English assignment has the same fields, in the same order."""
        if [field["id"] for field in swedish["fields"]] != [field["id"] for field in english["fields"]]:
            raise ContentProblem(source.path, source.line_of("fields"), "the English assignment has other fields")
