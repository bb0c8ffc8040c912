from django.urls import path

from . import views

app_name = "enrolments"

urlpatterns = [
    path("mina-kurser/", views.dashboard, name="dashboard"),
    path("kurser/<id:course_id>/anmal/", views.enrol, name="enrol"),
    path("steg/<id:page_id>/klar/", views.complete_step, name="complete_step"),
    path("kurser/<id:course_id>/par/bjud-in/", views.invite_partner, name="invite_partner"),
    path("par/inbjudan/<id:invitation_id>/anta/", views.accept_invitation, name="accept_invitation"),
    path("par/<id:pair_id>/lamna/", views.leave_pair, name="leave_pair"),
    path("inbjudan/<str:token>/", views.invitation, name="invitation"),
    path("mina-kurser/kurskod/", views.join_cohort, name="join_cohort"),
]
