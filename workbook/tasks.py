"""Background work of the workbook (django-tasks: immediate locally, db worker in production)."""

from django_tasks import task

from . import services


@task()
def notify_review(review_id: int) -> None:
    """Tell the authors of a reviewed answer, in their language, what the course leader decided."""
    services.send_review_email(review_id=review_id)


@task()
def build_document(document_id: int) -> None:
    """Compile the answers into the PDF and .docx and store them in private storage."""
    services.store_document(document_id=document_id)


def notify_on_review(sender, *, review, **kwargs) -> None:
    """Receiver of workbook.signals.answer_reviewed."""
    notify_review.enqueue(review_id=review.pk)


def build_on_request(sender, *, document, **kwargs) -> None:
    """Receiver of workbook.signals.document_requested."""
    build_document.enqueue(document_id=document.pk)
