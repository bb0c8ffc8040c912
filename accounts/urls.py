from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/mina-uppgifter/", views.personal_data, name="personal_data"),
    path("profil/mina-uppgifter.json", views.export_data, name="export"),
    path("profil/radera/", views.delete_account, name="delete"),
]
