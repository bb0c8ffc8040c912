from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbookConfig(AppConfig):
    name = "workbook"
    verbose_name = _("Workbook")

    def ready(self):
        from django.db.models.signals import pre_delete

        from accounts import personal_data
        from enrolments.models import Pair

        from . import services, tasks
        from .signals import answer_reviewed, document_requested

        # However a pair ends (a member leaves, an administrator deletes it), each member keeps the work.
        pre_delete.connect(services.split_joint_answers, sender=Pair, dispatch_uid="workbook.split_joint_answers")
        answer_reviewed.connect(tasks.notify_on_review, dispatch_uid="workbook.notify_on_review")
        document_requested.connect(tasks.build_on_request, dispatch_uid="workbook.build_on_request")
        # Before enrolments (default order 100), which delete the pairs the joint answers hang on.
        personal_data.register(
            "workbook", export=services.export_personal_data, erase=services.erase_personal_data, order=60
        )
