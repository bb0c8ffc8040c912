"""Signals certificates sends, so that its background work (tasks) hangs off the services without
the services importing it."""

from django.dispatch import Signal

# Sent once per certificate, after the transaction that issued it commits, with `certificate=`.
certificate_issued = Signal()

# Sent after the transaction that revoked or reinstated a certificate commits, with `certificate=`.
certificate_revoked = Signal()
certificate_reinstated = Signal()
