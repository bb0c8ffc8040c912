import pytest

from workbook import services
from workbook.models import Answer, AnswerState, AnswerVersion


def save(author, assignment, text="Text", *, base=0, submit=False, field="f0"):
    return services.save_answer(
        author=author, assignment=assignment, fields={field: text}, base_version=base, submit=submit
    )


def test_saving_a_draft_records_a_version_with_its_author(enrolled, assignment):
    answer = save(enrolled, assignment, "Första utkastet")
    answer = save(enrolled, assignment, "Andra utkastet", base=1)
    assert answer.state == AnswerState.DRAFT
    assert answer.version == 2
    assert answer.fields == {"f0": "Andra utkastet", "f1": ""}
    versions = list(AnswerVersion.objects.filter(answer=answer).order_by("number"))
    assert [(v.number, v.author, v.fields["f0"]) for v in versions] == [
        (1, enrolled, "Första utkastet"),
        (2, enrolled, "Andra utkastet"),
    ]


def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(enrolled, assignment):
    save(enrolled, assignment, "Min text")
    with pytest.raises(services.StaleAnswer) as refused:
        save(enrolled, assignment, "Gammal flik", base=0)
    assert refused.value.current.fields["f0"] == "Min text"
    answer = Answer.objects.get()
    assert (answer.version, answer.fields["f0"]) == (1, "Min text")
    assert AnswerVersion.objects.count() == 1


def test_submitting_hands_the_answer_in_and_locks_it(enrolled, assignment):
    answer = save(enrolled, assignment, "Klar", submit=True)
    assert answer.state == AnswerState.SUBMITTED
    assert answer.submitted_at is not None
    with pytest.raises(services.WorkbookError):
        save(enrolled, assignment, "Ändrad", base=1)
    assert Answer.objects.get().fields["f0"] == "Klar"


def test_an_empty_answer_cannot_be_submitted(enrolled, assignment):
    with pytest.raises(services.WorkbookError):
        save(enrolled, assignment, "   ", submit=True)
    assert Answer.objects.filter(state=AnswerState.SUBMITTED).count() == 0


def test_fields_the_assignment_does_not_define_are_ignored(enrolled, assignment):
    answer = services.save_answer(
        author=enrolled, assignment=assignment, fields={"f0": "a", "injected": "x"}, base_version=0
    )
    assert set(answer.fields) == {"f0", "f1"}


def test_too_long_text_is_refused(enrolled, assignment):
    with pytest.raises(services.WorkbookError):
        save(enrolled, assignment, "x" * (services.MAX_FIELD_LENGTH + 1))
    assert AnswerVersion.objects.count() == 0


def test_a_learner_not_enrolled_cannot_answer(learner, assignment):
    with pytest.raises(services.WorkbookError):
        save(learner, assignment, "Hej")
    assert not Answer.objects.exists()
