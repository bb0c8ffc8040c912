"""The moderation e-mails name the workflow "Granskning" and link to the site's real address."""

from django.core import mail

import pytest

from organisations.services import load_reference_data

from ..factories import build_course

pytestmark = pytest.mark.django_db


def test_the_approval_e_mail_names_granskning_and_links_to_the_site_base_url(settings, staff_member):
    settings.SITE_BASE_URL = "https://akademin.example.se"
    load_reference_data()
    editor = staff_member("Redaktörer", preferred_language="sv")
    reviewer = staff_member("Granskare", preferred_language="sv")
    course = build_course(modules=1, lessons_per_module=1)
    course.save_revision(user=editor)
    workflow_state = course.get_workflow().start(course, editor)
    submitted = [message for message in mail.outbox if reviewer.email in message.to]

    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    approved = [message for message in mail.outbox if editor.email in message.to]

    assert submitted and "Granskning" in submitted[-1].body
    assert approved and "Granskning" in approved[-1].body
    assert "https://akademin.example.se/" in approved[-1].body
    assert "localhost" not in approved[-1].body
    assert "Moderators approval" not in submitted[-1].body + approved[-1].body
