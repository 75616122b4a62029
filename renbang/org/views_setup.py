"""First-run setup (a superuser on an empty installation), the agency's profile and the go-live checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renbang.core import golive

from . import services
from .forms import AgencyProfileForm, SetupForm
from .models import LOGO_TYPES, Agency


@permission_required("org.setup_agency", raise_exception=True)
def setup(request):
    """The instansi, the first BKPSDM admin and the year, in one form. Refused once an agency exists."""
    if services.agency_exists():
        messages.info(request, _("Instansi sudah disiapkan. Ubah datanya di halaman Profil instansi."))
        return redirect("org:agency_profile" if request.user.agency_id else "core:home")
    form = SetupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                agency = form.save_profile()
                admin = services.admin_create(agency=agency, **form.admin_fields())
                services.superusers_link(agency)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Instansi %(agency)s disiapkan; admin BKPSDM %(admin)s dapat masuk.")
                             % {"agency": agency.name, "admin": admin.username})
            return redirect("org:golive")
    return render(request, "org/setup.html", {"form": form})


@permission_required("org.change_agency", raise_exception=True)
def agency_profile(request):
    agency = Agency.objects.get(pk=request.user.agency_id)
    form = AgencyProfileForm(request.POST or None, request.FILES or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_profile()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Profil instansi disimpan."))
            return redirect("org:agency_profile")
    if request.method == "POST":
        agency.refresh_from_db()  # the form's instance took the typed values; show the stored logo
    return render(request, "org/agency_profile.html", {"form": form, "agency": agency})


@permission_required("org.view_agency_logo", raise_exception=True)
def agency_logo(request):
    """The letterhead logo of the user's agency (private storage: never a public URL)."""
    agency = Agency.objects.filter(pk=request.user.agency_id).first()
    if agency is None or not agency.logo:
        raise Http404
    data_mime = next((mime for mime, ext in LOGO_TYPES.items() if agency.logo.name.endswith("." + ext)), None)
    if data_mime is None:
        raise Http404
    try:
        stream = agency.logo.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(stream, content_type=data_mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


@permission_required("org.view_golive", raise_exception=True)
def golive_checklist(request):
    agency = Agency.objects.get(pk=request.user.agency_id)
    checks = golive.checks_for(agency.pk)
    required = [c for c in checks if not c.optional]
    done = sum(1 for c in required if c.done)
    return render(request, "org/golive.html", {
        "agency": agency, "checks": checks, "done": done, "required": len(required),
        "ready": done == len(required), "percent": round(100 * done / len(required)) if required else 100,
    })
