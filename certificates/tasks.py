"""Background work after a certificate is issued (django-tasks: immediate locally, db worker in production)."""

from django_tasks import task

from . import services
from .models import Certificate


@task()
def deliver_certificate(certificate_id: int) -> str:
    """Render the certificate's PDF into private storage and tell the holder by e-mail."""
    certificate = Certificate.objects.with_details().get(pk=certificate_id)
    if certificate.holder_is_erased:
        # Erased before the task ran: there is no one to render for or to tell.
        return certificate.serial
    services.store_pdf(certificate=certificate)
    services.send_certificate_email(certificate=certificate)
    return certificate.serial


def deliver_on_issue(sender, *, certificate: Certificate, **kwargs) -> None:
    """Receiver of certificates.signals.certificate_issued."""
    deliver_certificate.enqueue(certificate_id=certificate.pk)


@task()
def notify_holder_of_status(certificate_id: int) -> str:
    """E-mail the holder the certificate's status as it is when the task runs (revoked or valid again),
    so a revocation undone before the worker got to it sends the current state, not a stale one."""
    certificate = Certificate.objects.with_details().get(pk=certificate_id)
    if certificate.holder_is_erased:
        return certificate.serial
    services.send_revocation_email(certificate=certificate)
    return certificate.serial


def notify_on_status_change(sender, *, certificate: Certificate, **kwargs) -> None:
    """Receiver of certificates.signals.certificate_revoked and certificate_reinstated."""
    notify_holder_of_status.enqueue(certificate_id=certificate.pk)
