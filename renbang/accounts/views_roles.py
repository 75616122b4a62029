"""The "Peran dan akses" pages of the BKPSDM admin: search a person, see and change their roles and scopes,
deactivate or reactivate their account, and the list of who holds what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import RoleGrantForm
from .models import User


def _person(request, pk: int) -> User:
    return get_object_or_404(selectors.users_for(request.user), pk=pk)


def _refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@permission_required("accounts.manage_roles", raise_exception=True)
def roles_index(request):
    text = request.GET.get("q", "")[:100]
    page = Paginator(selectors.people_search(request.user, text), 25).get_page(request.GET.get("page"))
    rows = [(user, selectors.role_rows(user)) for user in page]
    return render(request, "accounts/roles_index.html", {"page_obj": page, "rows": rows, "q": text})


@permission_required("accounts.manage_roles", raise_exception=True)
def roles_holders(request):
    return render(request, "accounts/roles_holders.html", {"table": selectors.holders(request.user)})


@permission_required("accounts.manage_roles", raise_exception=True)
def roles_person(request, pk: int):
    person = _person(request, pk)
    form = RoleGrantForm(user=person)
    if request.method == "POST":
        form = RoleGrantForm(request.POST, user=person)
        if form.is_valid():
            try:
                services.role_grant(user=person, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"],
                                    by=request.user)
            except ValidationError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("Peran diberikan."))
                return redirect("accounts:roles_person", pk=person.pk)
    from .twofactor.state import devices_summary

    return render(request, "accounts/roles_person.html", {
        "person": person, "roles": selectors.role_rows(person), "form": form,
        "otp": devices_summary(person),
    })


@require_POST
@permission_required("accounts.manage_roles", raise_exception=True)
def roles_revoke(request, pk: int):
    person = _person(request, pk)
    unit = request.POST.get("unit") or None
    try:
        services.role_revoke(user=person, role=request.POST.get("role", ""),
                             unit=int(unit) if unit and unit.isdigit() else None, by=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Peran dicabut."))
    return redirect("accounts:roles_person", pk=person.pk)


@require_POST
@permission_required("accounts.manage_roles", raise_exception=True)
def roles_active(request, pk: int):
    """Deactivate (active=0) or reactivate (active=1) an account."""
    person = _person(request, pk)
    activate = request.POST.get("active") == "1"
    try:
        if activate:
            services.account_reactivate(user=person, by=request.user)
        else:
            services.account_deactivate(user=person, by=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Akun diaktifkan kembali.") if activate else _("Akun dinonaktifkan."))
    return redirect("accounts:roles_person", pk=person.pk)
