from django.urls import path

from . import views

app_name = "enrolments"

urlpatterns = [
    path("mina-kurser/", views.dashboard, name="dashboard"),
    path("kurser/<int:course_id>/anmal/", views.enrol, name="enrol"),
    path("steg/<int:page_id>/klar/", views.complete_step, name="complete_step"),
]
