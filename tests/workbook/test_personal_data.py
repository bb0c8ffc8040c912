import os

import pytest

from accounts.personal_data import erase_personal_data, export_personal_data
from enrolments.models import Pair
from workbook import services
from workbook.models import Answer, AnswerVersion, WorkbookDocument


def test_the_export_holds_the_answers_with_their_versions(enrolled, assignment):
    services.save_answer(author=enrolled, assignment=assignment, fields={"f0": "Min lägesbild"}, base_version=0)
    exported = export_personal_data(enrolled)["workbook"]
    assert exported[0]["assignment"] == assignment.title
    assert exported[0]["fields"]["f0"] == "Min lägesbild"
    assert exported[0]["versions"][0]["written_by_you"] is True


def test_erasure_removes_own_answers(enrolled, assignment):
    services.save_answer(author=enrolled, assignment=assignment, fields={"f0": "Känsligt"}, base_version=0)
    erase_personal_data(enrolled)
    assert not Answer.objects.exists()
    assert not AnswerVersion.objects.exists()


def test_erasure_detaches_a_pair_member_and_the_partner_keeps_the_answer(pair, assignment):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Från kommunen"}, base_version=0)
    services.save_answer(author=pair.second, assignment=assignment, fields={"f0": "Och polisen"}, base_version=1)
    partner = pair.second
    erase_personal_data(pair.first)
    assert not Pair.objects.exists()
    answer = Answer.objects.get()
    assert (answer.learner, answer.pair, answer.fields["f0"]) == (partner, None, "Och polisen")
    authors = set(AnswerVersion.objects.values_list("author", flat=True))
    assert authors == {None, partner.pk}


def test_erasure_deletes_the_stored_documents(pair, assignment, assignment_course, django_capture_on_commit_callbacks):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Text"}, base_version=0)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.request_document(learner=pair.first, course=assignment_course, language="sv")
    document.refresh_from_db()
    paths = [document.pdf.path, document.docx.path]
    assert all(os.path.exists(path) for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(pair.first)
    assert not WorkbookDocument.objects.exists()

    assert not any(os.path.exists(path) for path in paths)


@pytest.mark.parametrize("member", ["first", "second"])
def test_erasing_either_member_keeps_the_other_ones_work(pair, assignment, member):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Gemensamt"}, base_version=0)
    erased = getattr(pair, member)
    kept = pair.partner_of(erased)
    erase_personal_data(erased)
    assert Answer.objects.get().learner == kept
