"""Editors cannot delete assignments that hold answers; one nobody answered can be deleted."""

from django.urls import reverse

from workbook import services
from workbook.models import Answer, AssignmentPage


def test_an_assignment_with_answers_cannot_be_deleted(admin_client, enrolled, assignment):
    services.save_answer(author=enrolled, assignment=assignment, fields={"f0": "Utkast"}, base_version=0)
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[assignment.pk]))
    assert AssignmentPage.objects.filter(pk=assignment.pk).exists()
    assert Answer.objects.count() == 1


def test_an_assignment_nobody_answered_can_be_deleted(admin_client, assignment):
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[assignment.pk]))
    assert not AssignmentPage.objects.filter(pk=assignment.pk).exists()
