import json
import logging
from http import HTTPStatus
from io import BytesIO
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from accounts.client_ip import client_ip

from . import services
from .forms import VerifySerialForm
from .keys import SigningKeysMissing
from .models import Certificate
from .qr import qr_svg

RATE_WINDOW_SECONDS = 60
logger = logging.getLogger(__name__)


def _client_address(request: HttpRequest) -> str:
    return client_ip(request)


def _rate_limited(request: HttpRequest) -> bool:
    """A fixed one-minute window per client address, counted in the shared cache."""
    key = f"certificates:verify:{_client_address(request)}"
    if cache.add(key, 1, RATE_WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_WINDOW_SECONDS)
            count = 1
    return count > settings.CERTIFICATE_VERIFICATIONS_PER_MINUTE


def _wants_json(request: HttpRequest) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _too_many(request: HttpRequest) -> HttpResponse:
    message = _("Too many certificate checks from your address. Wait a minute and try again.")
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=HTTPStatus.TOO_MANY_REQUESTS)
    else:
        response = render(
            request, "certificates/rate_limited.html", {"message": message}, status=HTTPStatus.TOO_MANY_REQUESTS
        )
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _answer(request: HttpRequest, verification, *, form=None) -> HttpResponse:
    status = HTTPStatus.OK if verification else HTTPStatus.NOT_FOUND
    if _wants_json(request):
        body = verification.as_json() if verification else {"status": "not_found"}
        response = JsonResponse(body, status=status)
    else:
        response = render(
            request, "certificates/verify.html", {"verification": verification, "form": form}, status=status
        )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Vary"] = "Accept"
    return response


@require_safe
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of a certificate by the code in its QR code and link; no sign-in."""
    if _rate_limited(request):
        return _too_many(request)
    return _answer(request, services.verify_code(code=code))


@require_http_methods(["GET", "HEAD", "POST"])
def verify_serial(request: HttpRequest) -> HttpResponse:
    """Public check by serial plus the holder's last name; an unknown serial and a wrong name look the same."""
    if request.method != "POST":
        return render(request, "certificates/verify_form.html", {"form": VerifySerialForm()})
    if _rate_limited(request):
        return _too_many(request)
    form = VerifySerialForm(request.POST)
    if not form.is_valid():
        return render(request, "certificates/verify_form.html", {"form": form}, status=HTTPStatus.BAD_REQUEST)
    verification = services.verify_serial(serial=form.cleaned_data["serial"], last_name=form.cleaned_data["last_name"])
    return _answer(request, verification, form=VerifySerialForm())


@login_required
@require_GET
def detail(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The holder's page for a certificate: status, serial, download and the public check."""
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).with_details(), enrolment_id=enrolment_id
    )
    verification_url = services.verification_url(certificate, language=request.LANGUAGE_CODE)
    context = {
        "certificate": certificate,
        "course_title": services.course_title_in(certificate.enrolment.course, request.LANGUAGE_CODE),
        "verification_url": verification_url,
        # The PDF's code points at the check in the certificate's language; this one at the page's.
        "qr_code": qr_svg(
            verification_url,
            label=_("QR code that opens the public check of this certificate: %(url)s") % {"url": verification_url},
        ),
        "credential_url": services.credential_url(certificate),
    }
    return render(request, "certificates/detail.html", context)


@login_required
@require_GET
def download(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The PDF, to its holder or an administrator only; a revoked certificate gets a page saying so."""
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).with_details(), enrolment_id=enrolment_id
    )
    if certificate.is_revoked:
        context = {
            "certificate": certificate,
            "course_title": services.course_title_in(certificate.enrolment.course, request.LANGUAGE_CODE),
        }
        return render(request, "certificates/revoked.html", context, status=HTTPStatus.GONE)
    try:
        content = services.pdf_content(certificate=certificate)
    except SigningKeysMissing:
        logger.exception("Certificate %s cannot be sealed: no PDF is handed out", certificate.serial)
        return render(request, "certificates/unavailable.html", status=HTTPStatus.SERVICE_UNAVAILABLE)
    response = FileResponse(
        BytesIO(content), as_attachment=True, filename=f"{certificate.serial}.pdf", content_type="application/pdf"
    )
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    return response


def _json_document(document: dict[str, Any], *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def credential(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate's Open Badges 3.0 credential, public by its code like the check itself, so a
    wallet the holder gives the link to can fetch it. It names no one: the holder is a salted hash."""
    if _rate_limited(request):
        return _too_many(request)
    found = (
        Certificate.objects.filter(verification_code=code).first()
        if services.VERIFICATION_CODE.fullmatch(code)
        else None
    )
    if found is None:
        return JsonResponse({"status": "not_found"}, status=HTTPStatus.NOT_FOUND)
    response = _json_document(services.build_credential(found))
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-cache"
    return response


@login_required
@require_GET
def download_credential(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The holder's download of the credential as a JSON file."""
    certificate = get_object_or_404(Certificate.objects.visible_to(request.user), enrolment_id=enrolment_id)
    try:
        document = services.build_credential(certificate)
    except SigningKeysMissing:
        logger.exception("Credential of %s cannot be signed", certificate.serial)
        return render(request, "certificates/unavailable.html", status=HTTPStatus.SERVICE_UNAVAILABLE)
    response = _json_document(document, filename=f"{certificate.serial}.json")
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def did_document(request: HttpRequest) -> HttpResponse:
    """The issuer's did:web document: the public key that verifies every credential."""
    response = _json_document(services.did_document())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def status_list(request: HttpRequest) -> HttpResponse:
    """The signed revocation list (BitstringStatusListCredential), as last published."""
    response = _json_document(services.status_list_document())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response
