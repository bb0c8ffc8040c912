"""Signals the workbook sends so that its tasks run after the transaction, without services importing tasks."""

from django.dispatch import Signal

# Sent on commit of a review, with `review=`.
answer_reviewed = Signal()
# Sent on commit of a document request, with `document=`.
document_requested = Signal()
