"""Signals enrolments sends, so that apps further down the data flow (certificates) can react
without enrolments importing them."""

from django.dispatch import Signal

# Sent once per enrolment, inside the transaction that records its completion, with
# `enrolment=`. A receiver that raises rolls the completion back.
course_completed = Signal()
