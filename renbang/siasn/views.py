"""Pages of the SIASN connector: the outbox (BKPSDM; an OPD officer sees their units), the pull, the run report,
the jenis-diklat mapping, and the progress of their background jobs."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import CHANGE, for_user
from renbang.catalog.models import Method
from renbang.core.jobs import start_job
from renbang.core.models import Job
from renbang.org.models import OrgUnit

from . import pull, push
from .client import SiasnClient, SiasnConfig, SiasnError
from .forms import MappingForm, PullForm
from .models import JenisMapping, OutboxItem, SyncRun

PULL_KIND, PUSH_KIND = "siasn_pull", "siasn_push"


def route() -> dict:
    """Which route is active: SIASN's web services (configured) or the Excel export (fallback)."""
    config = SiasnConfig.from_settings()
    return {"configured": config.configured, "host": urlsplit(config.base_url).hostname or ""}


def _year(request) -> int:
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@permission_required("siasn.view_outbox", raise_exception=True)
def outbox(request):
    year = _year(request)
    qs = for_user(OutboxItem.objects.filter(year=year), request.user)
    counts = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    status, source = request.GET.get("status", ""), request.GET.get("sumber", "")
    query, unit = request.GET.get("q", "").strip(), request.GET.get("unit", "")
    if status in OutboxItem.Status.values:
        qs = qs.filter(status=status)
    if source in OutboxItem.Source.values:
        qs = qs.filter(source=source)
    if query:
        qs = qs.filter(Q(employee__nip__startswith=query) | Q(employee__name__icontains=query)
                       | Q(title__icontains=query))
    units = OrgUnit.objects.filter(agency_id=request.user.agency_id, parent__isnull=True).order_by("name")
    if unit.isdigit():
        qs = qs.filter(employee__unit__in=OrgUnit.objects.descendants(int(unit), include_self=True).values("pk"))
    page = Paginator(qs.select_related("employee__unit").order_by("status", "employee__name", "pk"), 50).get_page(
        request.GET.get("page"))
    editable = set(for_user(OutboxItem.objects.filter(pk__in=[i.pk for i in page]), request.user, CHANGE)
                   .values_list("pk", flat=True)) if request.user.has_perm("siasn.send") else set()
    return render(request, "siasn/outbox.html", {
        "year": year, "page_obj": page, "counts": counts, "total": sum(counts.values()), "route": route(),
        "statuses": OutboxItem.Status.choices, "sources": OutboxItem.Source.choices, "units": units,
        "editable": editable, "filters": {"status": status, "sumber": source, "q": query, "unit": unit},
        "last_job": Job.objects.filter(kind=PUSH_KIND, agency_id=request.user.agency_id).order_by("-pk").first(),
    })


def _configured_or_message(request) -> bool:
    if route()["configured"]:
        return True
    messages.error(request, _("Koneksi SIASN belum dikonfigurasi di server; gunakan ekspor Excel (Laporan) "
                              "sampai kredensial dari BKN tersedia."))
    return False


@require_POST
@permission_required("siasn.push_all", raise_exception=True)
def push_year(request):
    year = _year(request)
    if not _configured_or_message(request):
        return redirect(f"{reverse('siasn:outbox')}?tahun={year}")
    job = start_job(kind=PUSH_KIND, function_path="renbang.siasn.jobs.push_job", user=request.user,
                    agency=request.user.agency, params={"agency_id": request.user.agency_id, "year": year})
    return redirect("siasn:job", pk=job.pk)


@require_POST
@permission_required("siasn.send", raise_exception=True)
def send_again(request, pk: int):
    item = for_user(OutboxItem.objects.filter(pk=pk), request.user, CHANGE).first()
    if item is None:
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = f"{reverse('siasn:outbox')}?tahun={item.year}"
    if not _configured_or_message(request):
        return redirect(back)
    try:
        with SiasnClient() as client:
            item = push.send_item(item, client, force=True)
    except SiasnError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if item.status == OutboxItem.Status.SENT:
        messages.success(request, _("Terkirim ke SIASN: %(t)s (%(n)s).") % {"t": item.title, "n": item.employee.nip})
    else:
        messages.error(request, _("Gagal: %(m)s") % {"m": item.message})
    return redirect(back)


@permission_required("siasn.pull", raise_exception=True)
def pull_page(request):
    form = PullForm(request.POST or None)
    agency = request.user.agency
    if request.method == "POST" and form.is_valid() and _configured_or_message(request):
        nips = form.nip_list(agency)
        if form.cleaned_data["dry_run"]:
            job = start_job(kind=PULL_KIND, function_path="renbang.siasn.jobs.pull_job", user=request.user,
                            agency=agency, params={"agency_id": agency.pk, "nips": nips, "dry": True})
        else:
            run = pull.unfinished_run(agency) or pull.start_run(agency=agency, nips=nips, user=request.user)
            job = start_job(kind=PULL_KIND, function_path="renbang.siasn.jobs.pull_job", user=request.user,
                            agency=agency, params={"run_id": run.pk})
        return redirect("siasn:job", pk=job.pk)
    runs = for_user(SyncRun.objects.all(), request.user).select_related("created_by")[:20]
    return render(request, "siasn/pull.html", {"form": form, "runs": runs, "route": route(),
                                                "unfinished": pull.unfinished_run(agency)})


@permission_required("siasn.pull", raise_exception=True)
def run_detail(request, pk: int):
    run = for_user(SyncRun.objects.filter(pk=pk), request.user).first()
    if run is None:
        raise Http404
    return render(request, "siasn/run.html", {"run": run, "changes": run.changes[:1000],
                                               "problems": run.problems[:1000]})


@permission_required("siasn.view_outbox", raise_exception=True)
def job_status(request, pk: int):
    job = Job.objects.filter(pk=pk, kind__in=(PULL_KIND, PUSH_KIND), agency_id=request.user.agency_id).first()
    if job is None or (job.kind == PULL_KIND and not request.user.has_perm("siasn.pull")):
        raise Http404
    template = "siasn/_job_status.html" if request.htmx else "siasn/job.html"
    return render(request, template, {"job": job, "result": job.result or {}})


@permission_required("siasn.manage_mapping", raise_exception=True)
def mapping(request):
    agency = request.user.agency
    current = push.mappings_for(agency)
    methods = Method.objects.filter(Q(agency__isnull=True) | Q(agency=agency)).order_by("route", "code")
    codes = list(dict.fromkeys(m.code for m in methods))
    names = {m.code: m.name for m in methods}
    form = MappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = JenisMapping.objects.filter(agency=agency, method_code=data["method_code"]).first() or JenisMapping(
            agency=agency, method_code=data["method_code"])
        row.target, row.jenis_diklat_id = data["target"], data["jenis_diklat_id"]
        row.latihan_struktural_id = data["latihan_struktural_id"]
        try:
            row.full_clean()
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            row.save()
            messages.success(request, _("Pemetaan %(c)s disimpan.") % {"c": row.method_code})
            return redirect("siasn:mapping")
    rows = [{"code": c, "name": names[c], "mapping": current.get(c)} for c in codes]
    return render(request, "siasn/mapping.html", {"rows": rows, "form": form, "default": push.DEFAULT_MAPPING})
