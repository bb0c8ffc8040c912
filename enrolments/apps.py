from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentsConfig(AppConfig):
    name = "enrolments"
    verbose_name = _("Enrolments")

    def ready(self):
        from allauth.account.signals import user_signed_up

        from accounts import personal_data

        from . import services, views

        user_signed_up.connect(views.accept_invitation_on_signup, dispatch_uid="enrolments_accept_invitation")

        personal_data.register("enrolments", export=services.export_personal_data, erase=services.erase_personal_data)
