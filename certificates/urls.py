from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "certificates"

# /verify/ is printed on certificates and in their QR codes: never translated, never moved.
urlpatterns = [
    path("verify/", views.verify_serial, name="verify_serial"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/credential/", views.credential, name="credential"),
    path(_("certificates/<id:enrolment_id>/"), views.detail, name="detail"),
    path(_("certificates/<id:enrolment_id>/pdf/"), views.download, name="download"),
    path(_("certificates/<id:enrolment_id>/credential/"), views.download_credential, name="download_credential"),
]
