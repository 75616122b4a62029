"""The public certificate verification page (no login): only name, programme, date and JP are shown.

Codes are random (12 characters from 31, ~59 bits), so guessing is hopeless; on top of that, an address that
keeps asking for unknown codes is slowed down (429 after VERIFY_MISSES_PER_HOUR misses)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from renbang.core.client_ip import client_ip

from .. import selectors
from ..forms import VerifyForm

VERIFY_MISSES_PER_HOUR = 60


def _client(request) -> str:
    return f"delivery-verify-miss:{client_ip(request) or ''}"


@login_not_required
@never_cache
def verify(request):
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("delivery:verify_code", code=form.cleaned_data["kode"].strip().upper()[:40] or "-")
    return render(request, "delivery/verify.html", {"form": form, "searched": False})


@login_not_required
@never_cache
def verify_code(request, code: str):
    key = _client(request)
    misses = cache.get(key, 0)
    if misses >= VERIFY_MISSES_PER_HOUR:
        return render(request, "delivery/verify.html", {"form": VerifyForm(), "searched": True, "throttled": True},
                      status=429)
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        cache.set(key, misses + 1, 3600)
    context = {"form": VerifyForm(initial={"kode": code[:40]}), "searched": True, "certificate": certificate}
    if certificate is not None:
        enrolment = certificate.enrolment
        context.update({"name": enrolment.employee.full_name, "programme": enrolment.session.programme.title,
                        "date": enrolment.session.end_date, "start": enrolment.session.start_date,
                        "jp": enrolment.jp, "agency": enrolment.session.agency.name})
    return render(request, "delivery/verify.html", context, status=200 if certificate else 404)
