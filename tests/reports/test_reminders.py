from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from enrolments.models import Enrolment
from reports.models import Reminder
from reports.services import due_period, send_reminders
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inactive(course):
    """An enrolment whose last activity was 15 days ago, on a course with the default 14 days."""
    enrolment = Enrolment.objects.create(learner=UserFactory(first_name="Åsa"), course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now() - timedelta(days=15))
    return enrolment


def test_an_inactive_learner_gets_one_reminder(inactive):
    assert send_reminders() == 1
    assert mail.outbox[0].to == [inactive.learner.email]
    assert inactive.course.title in mail.outbox[0].subject
    assert "Hej Åsa" in mail.outbox[0].body


def test_running_twice_sends_one_reminder(inactive):
    call_command("send_reminders")
    call_command("send_reminders")

    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1


def test_a_second_period_without_activity_sends_another(inactive):
    send_reminders()
    send_reminders(now=timezone.now() + timedelta(days=14))

    assert len(mail.outbox) == 2


def test_a_learner_active_recently_gets_none(course):
    Enrolment.objects.create(learner=UserFactory(), course=course)

    assert send_reminders() == 0


def test_a_learner_who_completed_gets_none(inactive):
    Enrolment.objects.filter(pk=inactive.pk).update(completed_at=timezone.now())

    assert send_reminders() == 0


def test_a_learner_who_opted_out_gets_none(inactive):
    inactive.learner.receives_reminders = False
    inactive.learner.save()

    assert send_reminders() == 0


def test_the_course_sets_its_own_number_of_days(inactive):
    course = inactive.course
    course.reminder_days = 30
    course.save_revision().publish()

    assert send_reminders() == 0


def test_a_failed_email_records_no_reminder(inactive, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("reports.services.send_mail", fail)
    with pytest.raises(OSError):
        send_reminders()

    assert not Reminder.objects.exists()


def test_the_due_period_is_the_end_of_the_latest_whole_period():
    start = timezone.now()

    assert due_period(last_activity_at=start, days=14, now=start + timedelta(days=13)) is None
    assert due_period(last_activity_at=start, days=14, now=start + timedelta(days=29)) == start + timedelta(days=28)


def test_the_learner_can_opt_out_in_the_profile(municipal_learner, client):
    client.force_login(municipal_learner)
    data = {
        "first_name": "Lena",
        "last_name": "Larsson",
        "organisation_type": "municipality",
        "municipality": "0180",
        "preferred_language": "sv",
    }

    client.post(reverse("accounts:profile"), data)

    municipal_learner.refresh_from_db()
    assert municipal_learner.receives_reminders is False


def test_the_reminder_is_written_in_the_learners_language(inactive):
    inactive.learner.preferred_language = "sv"
    inactive.learner.save()
    send_reminders()

    assert "Du har inte arbetat med kursen" in mail.outbox[0].body
