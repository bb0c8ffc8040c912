from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "accounts"

urlpatterns = [
    path(_("profile/"), views.profile, name="profile"),
    path(_("profile/my-data/"), views.personal_data, name="personal_data"),
    path(_("profile/my-data.json"), views.export_data, name="export"),
    path(_("profile/delete/"), views.delete_account, name="delete"),
]
