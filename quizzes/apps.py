from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from accounts import personal_data

        from . import services

        personal_data.register("quizzes", export=services.export_personal_data, erase=services.erase_personal_data)
