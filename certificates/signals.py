"""Signals certificates sends, so that its background work (tasks) hangs off the services without
the services importing it."""

from django.dispatch import Signal

# Sent once per certificate, after the transaction that issued it commits, with `certificate=`.
certificate_issued = Signal()
