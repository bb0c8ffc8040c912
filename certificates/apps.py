from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from django.db.models.signals import pre_delete

        from accounts import personal_data
        from enrolments.models import Enrolment
        from enrolments.signals import course_completed

        from . import checks, services, tasks  # noqa: F401 (checks registers itself)
        from .signals import certificate_issued, certificate_reinstated, certificate_revoked

        course_completed.connect(services.issue_on_completion, dispatch_uid="certificates.issue_on_completion")
        pre_delete.connect(
            services.erase_holder_of_deleted_enrolment,
            sender=Enrolment,
            dispatch_uid="certificates.erase_holder_of_deleted_enrolment",
        )
        certificate_issued.connect(tasks.deliver_on_issue, dispatch_uid="certificates.deliver_on_issue")
        certificate_revoked.connect(tasks.notify_on_status_change, dispatch_uid="certificates.notify_on_revoke")
        certificate_reinstated.connect(tasks.notify_on_status_change, dispatch_uid="certificates.notify_on_reinstate")
        # Erased before the enrolments they belong to (default order 100).
        personal_data.register(
            "certificates", export=services.export_personal_data, erase=services.erase_personal_data, order=50
        )
