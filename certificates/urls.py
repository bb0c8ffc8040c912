from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_serial, name="verify_serial"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/credential/", views.credential, name="credential"),
    path("intyg/<id:enrolment_id>/", views.detail, name="detail"),
    path("intyg/<id:enrolment_id>/pdf/", views.download, name="download"),
    path("intyg/<id:enrolment_id>/credential/", views.download_credential, name="download_credential"),
]
