"""A request id on every log line and error page, and one log line per request.

The id comes from the proxy's X-Request-ID when it sends a sane one (so the proxy's log and ours
can be joined), else it is made here; the response carries it back in X-Request-ID.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

logger = logging.getLogger("training_site.request")


def current_request_id() -> str:
    """The id of the request being handled in this thread or task, "-" outside a request."""
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record, so every formatter can show it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


@receiver(request_finished)
def _forget_request_id(sender, **kwargs) -> None:
    _request_id.set("-")


class RequestIdMiddleware:
    """First in MIDDLEWARE: everything logged while handling the request carries its id, Django's
    own error line included (it is written after the middleware returns, so the id is only
    dropped once the response is closed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        _request_id.set(request_id)
        started = time.monotonic()
        request.request_id = request_id
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response
