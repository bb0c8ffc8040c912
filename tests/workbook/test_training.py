"""The workbook's loader of `assignment.<lang>.yaml` files (used by load_training)."""

from pathlib import Path

import pytest

from courses.training_import import ContentProblem, read_source
from workbook.training import AssignmentLoader

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _source(tmp_path, text: str, language: str = "sv"):
    path = tmp_path / f"assignment.{language}.yaml"
    path.write_text(text, encoding="utf-8")
    return read_source(tmp_path, path)


GOOD = """key: m9-assignment
title: Uppgift
slug: uppgift
summary: Kort.
prompt: Skriv **tre** saker.
fields:
  - {key: problems, label: Problemen, help: Vilka är de}
  - {key: sources, label: Källor}
"""


def test_the_fields_become_blocks_keyed_by_their_key(tmp_path):
    values = AssignmentLoader().fields(_source(tmp_path, GOOD))
    assert [(field["id"], field["value"]["label"]) for field in values["fields"]] == [
        ("problems", "Problemen"),
        ("sources", "Källor"),
    ]
    assert "<b>tre</b>" in values["prompt"] or "<strong>tre</strong>" in values["prompt"]


@pytest.mark.parametrize(
    "broken",
    [
        GOOD.replace("  - {key: sources, label: Källor}\n", "  - {key: problems, label: Igen}\n"),
        GOOD.replace("label: Källor", "label: ''"),
        GOOD.replace("{key: sources, label: Källor}", "just text"),
        GOOD.replace("prompt: Skriv **tre** saker.\n", ""),
    ],
    ids=["duplicate-key", "empty-label", "not-a-mapping", "no-prompt"],
)
def test_a_bad_assignment_file_is_a_content_problem(tmp_path, broken):
    with pytest.raises(ContentProblem):
        AssignmentLoader().fields(_source(tmp_path, broken))


def test_the_english_assignment_must_have_the_same_fields(tmp_path):
    loader = AssignmentLoader()
    swedish = loader.fields(_source(tmp_path, GOOD))
    english_source = _source(tmp_path, GOOD.replace("key: sources", "key: other"), "en")
    with pytest.raises(ContentProblem):
        loader.check_translation(swedish, loader.fields(english_source), english_source)


def test_every_module_of_the_real_content_has_an_assignment_in_both_languages():
    loader = AssignmentLoader()
    modules = sorted((CONTENT / "modules").iterdir())
    assert len(modules) == 8
    for module in modules:
        sv = read_source(CONTENT, module / "assignment.sv.yaml")
        en = read_source(CONTENT, module / "assignment.en.yaml")
        swedish, english = loader.fields(sv), loader.fields(en)
        loader.check_translation(swedish, english, en)
        assert len(swedish["fields"]) >= 2
