from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "enrolments"

urlpatterns = [
    path(_("my-courses/"), views.dashboard, name="dashboard"),
    path(_("courses/<id:course_id>/enrol/"), views.enrol, name="enrol"),
    path(_("steps/<id:page_id>/done/"), views.complete_step, name="complete_step"),
    path(_("invitation/<str:token>/"), views.invitation, name="invitation"),
    path(_("my-courses/course-key/"), views.join_cohort, name="join_cohort"),
    path(_("courses/<id:course_id>/pair/invite/"), views.invite_partner, name="invite_partner"),
    path(_("pairs/invitations/<id:invitation_id>/accept/"), views.accept_invitation, name="accept_invitation"),
    path(_("pairs/<id:pair_id>/leave/"), views.leave_pair, name="leave_pair"),
]
