from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentsConfig(AppConfig):
    name = "enrolments"
    verbose_name = _("Enrolments")

    def ready(self):
        from accounts import personal_data

        from . import services

        personal_data.register("enrolments", export=services.export_personal_data, erase=services.erase_personal_data)
