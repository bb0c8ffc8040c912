from django.urls import path

from . import views

app_name = "enrolments"

urlpatterns = [
    path("mina-kurser/", views.dashboard, name="dashboard"),
    path("kurser/<id:course_id>/anmal/", views.enrol, name="enrol"),
    path("steg/<id:page_id>/klar/", views.complete_step, name="complete_step"),
    path("inbjudan/<str:token>/", views.invitation, name="invitation"),
    path("mina-kurser/kurskod/", views.join_cohort, name="join_cohort"),
]
