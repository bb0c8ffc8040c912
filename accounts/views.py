import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from allauth.account.decorators import reauthentication_required

from . import services
from .forms import ProfileForm
from .personal_data import erase_personal_data, readable_sections


def _json_attachment(data, *, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("enrolments:dashboard")
    return render(request, "accounts/profile.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
@reauthentication_required
@require_http_methods(["GET"])
def export_data(request):
    data = services.export_for(subject=request.user, by=request.user, output="json")
    return _json_attachment(data, filename=f"samverkansakademin-{timezone.localdate().isoformat()}.json")


@login_required
@reauthentication_required
@require_http_methods(["GET"])
def personal_data(request):
    data = services.export_for(subject=request.user, by=request.user, output="html")
    response = render(request, "accounts/personal_data.html", {"sections": readable_sections(data)})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to delete your account."))
            return render(request, "accounts/delete_account.html", status=400)
        user = request.user
        logout(request)
        erase_personal_data(user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete_account.html")
