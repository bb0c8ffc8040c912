from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "quizzes"

urlpatterns = [
    path(_("quizzes/<id:page_id>/start/"), views.start, name="start"),
    path(_("quizzes/attempts/<id:attempt_id>/"), views.attempt, name="attempt"),
    path(_("quizzes/attempts/<id:attempt_id>/submit/"), views.submit, name="submit"),
]
