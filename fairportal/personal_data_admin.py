"""The board's "Personal data request" page (reached from the audit log's admin).

An officer enters an e-mail address, sees what is held, then either downloads it as
JSON or erases it after a confirmation step. Only people who may change
registrations, meeting requests and applications use it (not the board viewers).
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fairportal import personal_data

REQUIRED_PERMISSIONS = (
    "events.change_eventregistration",
    "events.delete_eventregistration",
    "events.change_meetingrequest",
    "events.delete_meetingrequest",
    "booths.change_boothapplication",
)


class PersonalDataForm(forms.Form):
    email = forms.EmailField(max_length=254, label=_("Địa chỉ e-mail của người yêu cầu"))


def personal_data_view(model_admin, request):
    if not request.user.has_perms(REQUIRED_PERMISSIONS):
        raise PermissionDenied
    form = PersonalDataForm(request.POST or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Yêu cầu về dữ liệu cá nhân"),
        "form": form,
    }
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "admin/personal_data.html", context)
    email = form.cleaned_data["email"]
    operation = request.POST.get("operation", "preview")
    if operation == "export":
        data = personal_data.export(email=email, actor=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
        return response
    if operation == "erase" and request.POST.get("confirm") == "yes":
        done = personal_data.erase(email=email, actor=request.user)
        messages.success(request, personal_data.erased_message(done))
        return redirect(reverse("admin:fairportal_personal_data"))
    context["found"] = personal_data.held(email)
    context["email"] = email
    context["found_any"] = any(context["found"].values())
    context["confirm_erase"] = operation == "erase"
    return TemplateResponse(request, "admin/personal_data.html", context)
