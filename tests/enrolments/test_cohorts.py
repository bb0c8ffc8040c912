"""Cohorts: the default cohort on one-click enrolment, enrolment keys, adding learners by e-mail
(pasted or CSV, with every kind of bad input), invitations that enrol on sign-up."""

import re
from datetime import timedelta
from http import HTTPStatus

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from enrolments.cohorts import accept_invitations, join_cohort_with_key
from enrolments.models import Cohort, CohortInvitation, Enrolment
from enrolments.services import EnrolmentError, enrol_learner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Lokal-Samverkan-2026!"


@pytest.fixture
def cohort(course):
    return Cohort.objects.create(course=course, name="Hösten 2026", starts_on=timezone.localdate())


@pytest.fixture
def course_admin_client(client, staff_member, django_capture_on_commit_callbacks):
    """A signed-in course administrator whose POSTs run their on-commit work (invitation e-mails)."""
    administrator = staff_member("Kursadministratörer", is_staff=True)
    client.force_login(administrator)
    client.user = administrator
    plain_post = client.post

    def post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return plain_post(*args, **kwargs)

    client.post = post
    return client


def add_url(cohort) -> str:
    return reverse("cohorts:add_learners", args=[cohort.pk])


def csv_file(content: bytes, name: str = "deltagare.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


# The default cohort and keys --------------------------------------------------------------


def test_one_click_enrolment_joins_the_open_default_cohort(course, learner):
    default = Cohort.objects.create(course=course, name="Löpande", is_default=True)
    enrolment, _created = enrol_learner(learner=learner, course=course)
    assert enrolment.cohort == default


def test_an_ended_default_cohort_is_not_joined(course, learner):
    today = timezone.localdate()
    Cohort.objects.create(
        course=course,
        name="Förra året",
        is_default=True,
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=1),
    )
    enrolment, _created = enrol_learner(learner=learner, course=course)
    assert enrolment.cohort is None


def test_a_course_has_at_most_one_default_cohort(course):
    Cohort.objects.create(course=course, name="A", is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.create(course=course, name="B", is_default=True)


def test_a_cohort_cannot_end_before_it_starts(course):
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.create(course=course, name="A", starts_on=today, ends_on=today - timedelta(days=1))


def test_an_enrolment_key_joins_its_cohort(course, learner, cohort):
    cohort.enrolment_key = "LUND-HT26"
    cohort.save()
    enrolment = join_cohort_with_key(learner=learner, key=" LUND-HT26 ")
    assert (enrolment.course_id, enrolment.cohort) == (course.pk, cohort)


def test_a_wrong_enrolment_key_enrols_nobody(learner, cohort):
    cohort.enrolment_key = "LUND-HT26"
    cohort.save()
    with pytest.raises(EnrolmentError):
        join_cohort_with_key(learner=learner, key="lund-ht27")
    with pytest.raises(EnrolmentError):
        join_cohort_with_key(learner=learner, key="")
    assert not Enrolment.objects.exists()


def test_the_dashboard_form_joins_with_a_key(learner_client, learner, cohort):
    cohort.enrolment_key = "LUND-HT26"
    cohort.save()
    response = learner_client.post(reverse("enrolments:join_cohort"), {"key": "LUND-HT26"})
    assert response.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.get(learner=learner).cohort == cohort


# Adding learners by e-mail -----------------------------------------------------------------


def test_pasted_addresses_enrol_known_learners_and_invite_the_others(course_admin_client, cohort):
    known = UserFactory(email="kand@example.com")
    response = course_admin_client.post(
        add_url(cohort), {"emails": "KAND@example.com\nny.person@example.se; annan@example.org"}
    )
    assert response.status_code == HTTPStatus.OK
    assert Enrolment.objects.get(learner=known).cohort == cohort
    assert set(CohortInvitation.objects.values_list("email", flat=True)) == {
        "ny.person@example.se",
        "annan@example.org",
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["annan@example.org", "ny.person@example.se"]
    assert ModelLogEntry.objects.filter(action="enrolments.cohort.add_learners", object_id=str(cohort.pk)).exists()


def test_duplicates_are_reported_and_added_once(course_admin_client, cohort):
    response = course_admin_client.post(add_url(cohort), {"emails": "a@example.com\nA@Example.com\na@example.com"})
    assert CohortInvitation.objects.count() == 1
    content = response.content.decode()
    assert "Listed more than once" in content or "Fanns flera gånger" in content
    assert response.context["result"].duplicates == ["a@example.com", "a@example.com"]


def test_adding_again_moves_nobody_and_invites_nobody_twice(course_admin_client, cohort):
    known = UserFactory(email="kand@example.com")
    course_admin_client.post(add_url(cohort), {"emails": "kand@example.com\nny@example.com"})
    response = course_admin_client.post(add_url(cohort), {"emails": "kand@example.com\nny@example.com"})
    result = response.context["result"]
    assert (result.already_in_cohort, result.already_invited) == (["kand@example.com"], ["ny@example.com"])
    assert Enrolment.objects.filter(learner=known).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"email\nanna@example.com\nbo@example.com\n",
        b"\xef\xbb\xbfemail\r\nanna@example.com\r\nbo@example.com\r\n",
        b"namn;e-post\nAnna \xc3\x85berg;anna@example.com\nBo;bo@example.com\n",
        b"namn,e-post\nAnna,anna@example.com\nBo,bo@example.com\n",
        b"namn;e-post\r\nAnna \xc5berg;anna@example.com\r\nBo;bo@example.com\r\n",  # Excel, Windows-1252
    ],
    ids=["plain", "bom-crlf", "semicolon-utf8", "comma", "semicolon-cp1252"],
)
def test_a_csv_upload_is_read_in_every_usual_shape(course_admin_client, cohort, content):
    response = course_admin_client.post(add_url(cohort), {"file": csv_file(content)})
    assert response.status_code == HTTPStatus.OK
    assert response.context["result"] is not None, response.context["form"].errors
    assert set(CohortInvitation.objects.values_list("email", flat=True)) == {"anna@example.com", "bo@example.com"}


def _refused(response) -> str:
    assert response.status_code == HTTPStatus.OK
    assert response.context["result"] is None
    assert not CohortInvitation.objects.exists()
    assert not Enrolment.objects.exists()
    assert not mail.outbox
    form = response.context["form"]
    return " ".join(error for errors in form.errors.values() for error in errors)


def test_bad_rows_are_listed_and_nothing_is_added(course_admin_client, cohort):
    UserFactory(email="kand@example.com")
    errors = _refused(
        course_admin_client.post(
            add_url(cohort), {"emails": "kand@example.com\ninte-en-adress\nny@example.com\nx@@example..com"}
        )
    )
    assert "inte-en-adress" in errors
    assert "x@@example..com" in errors


def test_an_empty_file_is_refused(course_admin_client, cohort):
    errors = _refused(course_admin_client.post(add_url(cohort), {"file": csv_file(b"")}))
    assert errors


def test_nothing_at_all_is_refused(course_admin_client, cohort):
    assert _refused(course_admin_client.post(add_url(cohort), {"emails": "   "}))


def test_a_10_mb_file_is_refused(course_admin_client, cohort):
    content = b"email\n" + b"anna@example.com\n" * (10 * 1024 * 1024 // 17)
    errors = _refused(course_admin_client.post(add_url(cohort), {"file": csv_file(content)}))
    assert "1 MB" in errors


def test_more_than_2000_rows_are_refused(course_admin_client, cohort):
    content = "".join(f"person{n}@example.com\n" for n in range(2001)).encode()
    errors = _refused(course_admin_client.post(add_url(cohort), {"file": csv_file(content)}))
    assert "2000" in errors or "2 000" in errors


def test_a_binary_file_is_refused(course_admin_client, cohort):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    errors = _refused(course_admin_client.post(add_url(cohort), {"file": csv_file(png, "bild.csv")}))
    assert "CSV" in errors


def test_formula_like_cells_are_not_addresses(course_admin_client, cohort):
    errors = _refused(course_admin_client.post(add_url(cohort), {"file": csv_file(b'=HYPERLINK("x@evil.example")\n')}))
    assert errors


def test_a_learner_outside_the_group_cannot_add(client, learner, cohort):
    client.force_login(learner)
    response = client.post(add_url(cohort), {"emails": "a@example.com"})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not CohortInvitation.objects.exists()


def test_the_cohort_list_shows_the_cohort(course_admin_client, cohort):
    response = course_admin_client.get(reverse("cohorts:index"))
    assert response.status_code == HTTPStatus.OK
    assert "Hösten 2026" in response.content.decode()


# Invitations -------------------------------------------------------------------------------


def _invite(course_admin_client, cohort, email="ny.samordnare@example.com") -> str:
    course_admin_client.post(add_url(cohort), {"emails": email})
    return re.search(r"https?://[^/\s]+(/\S*inbjudan/\S+/)", mail.outbox[-1].body)[1]


def test_signing_up_through_the_invitation_enrols_in_the_cohort(course_admin_client, cohort, client):
    link = _invite(course_admin_client, cohort)
    course_admin_client.logout()
    response = client.get(link)
    assert response.status_code == HTTPStatus.FOUND
    signup = client.get(response.url)
    assert 'value="ny.samordnare@example.com"' in signup.content.decode()
    client.post(
        "/accounts/signup/",
        {
            "email": "ny.samordnare@example.com",
            "first_name": "Nora",
            "last_name": "Nilsson",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    enrolment = Enrolment.objects.get(learner__email="ny.samordnare@example.com")
    assert enrolment.cohort == cohort
    assert CohortInvitation.objects.get().accepted_at is not None
    # The link proved the address: no separate confirmation e-mail is needed.
    assert enrolment.learner.emailaddress_set.get().verified


def test_signing_up_with_the_invited_address_without_the_link_enrols_too(course_admin_client, cohort, client):
    _invite(course_admin_client, cohort)
    course_admin_client.logout()
    client.post(
        "/accounts/signup/",
        {
            "email": "Ny.Samordnare@example.com",
            "first_name": "Nora",
            "last_name": "Nilsson",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert Enrolment.objects.get(learner__email="ny.samordnare@example.com").cohort == cohort


def test_an_unknown_invitation_link_is_404(client):
    assert client.get(reverse("enrolments:invitation", args=["nope"])).status_code == HTTPStatus.NOT_FOUND


def test_accepting_twice_enrols_once(cohort):
    CohortInvitation.objects.create(cohort=cohort, email="ny@example.com")
    user = UserFactory(email="ny@example.com")
    accept_invitations(user=user)
    accept_invitations(user=user)
    assert Enrolment.objects.filter(learner=user).count() == 1
