from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("prov/<id:page_id>/starta/", views.start, name="start"),
    path("prov/forsok/<id:attempt_id>/", views.attempt, name="attempt"),
    path("prov/forsok/<id:attempt_id>/lamna-in/", views.submit, name="submit"),
]
