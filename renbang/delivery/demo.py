"""Demo data of delivery: the routine sessions of the catalogue and some classical programmes on the calendar;
the first months of the demo year delivered with realistic attendance (most present, a few late, excused or
absent; a few declined or released), certificates for those who completed; upcoming sessions with invitations
and a waitlist; external claims, a few waiting for verification.

As BKPSDM runs the approved RPK: sessions of its items invite the items' planned participants, and the money spent
outside the plan (a few cheaper courses it did not include) stays a small share of the plan's budget
(DEMO_OUTSIDE_SHARE), as the leaders' dashboard shows it (delivery.selectors.plan_spending).

`seed` builds everything with bulk_create (about 2–4 s on SQLite); `seed_late` (after the demo accounts exist)
makes the demo facilitator run sessions and gives the demo employee an invitation, a certificate and a claim.
Idempotent: a second run finds the sessions and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from renbang.catalog.models import Programme
from renbang.catalog.selectors import employees_eligible_for
from renbang.core.models import Notice
from renbang.people.models import Employee, EmployeeStatus
from renbang.plans import selectors as plans

from . import services
from .models import Attendance, Certificate, Enrolment, ExternalClaim, Session, SessionDay, random_code

DEMO_PDF = b"%PDF-1.4\n% Renbang demo certificate\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DECLINE_REASONS = ["Bertugas ke luar kota pada tanggal tersebut", "Sedang cuti tahunan",
                   "Bertepatan dengan pelaporan keuangan akhir bulan", "Sakit"]
RELEASE_REASONS = ["Kebutuhan dinas mendesak (penyusunan LKPJ)", "Mendampingi kunjungan kerja pimpinan"]
CLAIMS = [("Webinar Literasi Digital ASN", "Kementerian Kominfo", 3), ("Diklat Kearsipan Dinamis", "ANRI", 24),
          ("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "LKPP", 30), ("Seminar Nasional Smart City", "USU", 8),
          ("MOOC Manajemen ASN", "LAN (ASN Unggul)", 20), ("Bimtek Penyusunan Renstra", "BPSDM Provinsi Sumut", 16)]


def _cutoff(ctx) -> dt.date:
    """Sessions ending before this date are delivered: today, but at least the first four months of the year."""
    year_end = dt.date(ctx.year, 12, 31)
    return min(max(ctx.today, dt.date(ctx.year, 4, 30)), year_end)


#: Classical one-off programmes on the demo calendar, and how many of them stand outside the approved RPK.
DEMO_CLASSICAL = 14
DEMO_OUTSIDE_PROGRAMMES = 3
#: Spending outside the RPK (sessions not made from its items, at the catalogue price) is kept to this share of the
#: plan's budget: a few bimtek an OPD asks for during the year, paid from what is left. A leaders' dashboard whose
#: "outside the plan" exceeded the plan itself (the demo's leadership courses held outside it) read as absurd.
DEMO_OUTSIDE_SHARE = Decimal("0.08")
#: An outside session that the remaining money cannot fill with this many participants is cancelled.
DEMO_MIN_CLASS = 8
VENUES = ["Aula BKPSDM Kota Medan", "Ruang Rapat II Balai Kota", "Gedung Serbaguna Dinas Pendidikan",
          "Hotel mitra, Jl. Imam Bonjol"]


def _one_off_sessions(ctx, agency, rng, plan) -> None:
    """Intakes of classical programmes spread over the year, each as many working days as its JP need
    (services.training_days: a 410 JP leadership course runs for weeks, a 16 JP bimtek two days); a long course
    starts early enough to end in the year. With an approved RPK, as BKPSDM runs it: a session for each item (up
    to two) of its classical programmes, made from the item (in the item's month), and DEMO_OUTSIDE_PROGRAMMES
    cheaper programmes outside it, one intake each. Without a plan: two intakes of the first programmes."""
    classical = Programme.objects.filter(agency=agency, active=True, method__code__startswith="KL-",
                                         recurrence_rules__isnull=True)
    if plan is None:
        for index, programme in enumerate(classical.order_by("code")[:DEMO_CLASSICAL]):
            for intake in range(2):
                _one_off(ctx, agency, rng, programme, 1 + (index * 5 + intake * 6) % 12, intake)
        return
    items: dict[int, list] = defaultdict(list)
    for item in plans.plan_items(plan).filter(programme__in=classical).order_by("programme__code", "month", "pk"):
        items[item.programme_id].append(item)
    in_plan = list(items)[:DEMO_CLASSICAL - DEMO_OUTSIDE_PROGRAMMES]
    for programme_id in in_plan:
        for intake, item in enumerate(items[programme_id][:2]):
            _one_off(ctx, agency, rng, item.programme, item.month, intake, item=item)
    outside = classical.exclude(pk__in=list(items)).filter(cost_per_participant__gt=0).order_by(
        "cost_per_participant", "code")[:DEMO_CLASSICAL - len(in_plan)]
    for index, programme in enumerate(outside):
        _one_off(ctx, agency, rng, programme, 1 + index * 5 % 12, 0)


def _one_off(ctx, agency, rng, programme, month: int, intake: int, item=None) -> None:
    n_days = services.training_days(programme.jp)
    span = dt.timedelta(days=(n_days + 4) // 5 * 7 + 2)  # calendar days holding n_days working days
    start = min(dt.date(ctx.year, month, 3 + rng.randrange(0, 18)), dt.date(ctx.year, 12, 20) - span)
    start = max(start, dt.date(ctx.year, 1, 2))
    while start.weekday() >= 5:
        start += dt.timedelta(days=1)
    days = services.working_days(start, start + span)[:n_days]
    online = programme.delivery == "daring"
    services.session_save(agency=agency, days=days, data={
        "programme": programme, "title": f"{programme.title} Angkatan {intake + 1}", "plan_item": item,
        "start_date": days[0], "end_date": days[-1], "capacity": programme.capacity_per_session,
        "jp": Decimal(programme.jp), "venue": "" if online else rng.choice(VENUES),
        "online_url": "https://zoom.example.invalid/renbang" if online else "",
        "status": Session.Status.SCHEDULED})


#: A course this long is a leadership training or the CPNS basic training (hundreds of JP): one a year at most.
DEMO_LONG_COURSE_JP = 100


def _pick(rng, pool: list[int], n: int, taken: set[int]) -> list[int]:
    chosen = []
    for _ in range(n * 3):
        if len(chosen) >= n:
            break
        pk = rng.choice(pool)
        if pk not in taken:
            taken.add(pk)
            chosen.append(pk)
    return chosen


def _agency(ctx):
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency

    return ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()


def seed(ctx) -> None:
    agency = _agency(ctx)
    if agency is None:
        ctx.log("  pelaksanaan: instansi demo belum ada; dilewati")
        return
    if Session.objects.filter(agency=agency, start_date__year=ctx.year).exists():
        ctx.log("  pelaksanaan: sesi demo sudah ada; dilewati")
        return
    started = timezone.now()
    rng = ctx.rng("delivery")
    services.settings_for(agency)
    with transaction.atomic():
        routine = services.sessions_from_planned(agency=agency, year=ctx.year)
        Session.objects.filter(pk__in=[s.pk for s in routine]).update(venue="Aula BKPSDM Kota Medan",
                                                                      start_time="13:30", end_time="16:30")
        plan = plans.approved_plan(agency.pk, ctx.year)
        _one_off_sessions(ctx, agency, rng, plan)
        linked = _link_plan(ctx, agency)
        _participants(ctx, agency, rng, _outside_allowance(agency, ctx.year, plan))
        _claims(ctx, agency, rng)
        _self_learning(ctx, agency, rng)
    seconds = (timezone.now() - started).total_seconds()
    if linked:
        ctx.log(f"  pelaksanaan: {linked} sesi rutin dikaitkan dengan kegiatan RPK {ctx.year}")
    ctx.log(f"  pelaksanaan: {Session.objects.filter(agency=agency).count()} sesi, "
            f"{Enrolment.objects.filter(session__agency=agency).count()} peserta, "
            f"{Certificate.objects.filter(enrolment__session__agency=agency).count()} sertifikat, "
            f"{ExternalClaim.objects.filter(employee__agency=agency).count()} klaim ({seconds:.1f} s)")


def _outside_allowance(agency, year: int, plan) -> Decimal | None:
    """Rupiah the demo may spend outside the approved plan: DEMO_OUTSIDE_SHARE of the plan's budget (the cost of
    its assignments, the dashboard's planned figure). None without a plan or a planned cost: nothing to weigh."""
    if plan is None:
        return None
    planned = sum(r["budget"] for r in plans.planned_figures(agency.pk, year) or () if r["competency_id"] is None)
    return DEMO_OUTSIDE_SHARE * planned if planned else None


def _participants(ctx, agency, rng, allowance: Decimal | None = None) -> None:
    """Sessions made from an RPK item get that item's planned participants (as running the plan invites them);
    other sessions random employees the catalogue opens the programme to, those at a price only while
    `allowance` (Rp outside the plan, None: no limit) fills a class of DEMO_MIN_CLASS; the rest are cancelled."""
    cutoff = _cutoff(ctx)
    now = timezone.now()
    staff = Employee.objects.filter(agency=agency, active=True).exclude(status=EmployeeStatus.PPPK_PART_TIME)
    if not staff.exists():
        return
    threshold = Decimal(services.settings_for(agency).completion_percent)
    sessions = list(Session.objects.filter(agency=agency, start_date__year=ctx.year).select_related("programme")
                    .prefetch_related("programme__eligibilities").order_by("start_date", "pk"))
    pools: dict[int, list[int]] = {}  # per programme: the employees the catalogue opens it to
    enrolments: list[Enrolment] = []
    cancelled: list[Session] = []
    long_course: set[int] = set()  # nobody takes two long courses (PKN, PKA, PKP, latsar) in one year
    for session in sessions:
        delivered = session.end_date < cutoff
        long = session.jp >= DEMO_LONG_COURSE_JP
        taken: set[int] = set(long_course) if long else set()
        n = min(session.capacity, 30) - rng.randrange(0, 5)
        if session.programme_id not in pools:
            pools[session.programme_id] = list(staff.filter(employees_eligible_for(session.programme))
                                               .order_by("pk").values_list("pk", flat=True))
        pool = pools[session.programme_id]
        price = session.programme.cost_per_participant
        if session.plan_item_id:
            planned = list(staff.filter(plan_assignments__item_id=session.plan_item_id).order_by("pk")
                           .values_list("pk", flat=True).distinct())
            chosen = [pk for pk in planned if pk not in taken][:session.capacity]
            taken.update(chosen)
        elif allowance is not None and price:
            n = min(n, int(allowance // price))
            if n < DEMO_MIN_CLASS:
                cancelled.append(session)
                continue
            chosen = _pick(rng, pool, n, taken) if pool else []
            allowance -= price * len(chosen)
        else:
            chosen = _pick(rng, pool, n, taken) if pool else []
        for pk in chosen:
            roll = rng.random()
            if delivered:
                status = (Enrolment.Status.DECLINED if roll < 0.05 else Enrolment.Status.RELEASED if roll < 0.08
                          else Enrolment.Status.CONFIRMED)
            else:
                status = Enrolment.Status.INVITED if roll < 0.45 else (
                    Enrolment.Status.DECLINED if roll < 0.5 else Enrolment.Status.CONFIRMED)
            reason = rng.choice(DECLINE_REASONS) if status == Enrolment.Status.DECLINED else (
                rng.choice(RELEASE_REASONS) if status == Enrolment.Status.RELEASED else "")
            enrolments.append(Enrolment(session=session, employee_id=pk, status=status, reason=reason,
                                        source=Enrolment.Source.PLAN, invited_at=now,
                                        responded_at=None if status == Enrolment.Status.INVITED else now))
        if long:
            long_course |= taken
        if not delivered and pool:
            for rank, pk in enumerate(_pick(rng, pool, 3, taken), start=1):
                enrolments.append(Enrolment(session=session, employee_id=pk, status=Enrolment.Status.WAITLISTED,
                                            source=Enrolment.Source.PLAN, waitlist_rank=rank))
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    Session.objects.filter(pk__in=[s.pk for s in cancelled]).update(status=Session.Status.CANCELLED,
                                                                     notes=DEMO_CANCELLED_NOTE)
    _attendance([s for s in sessions if s not in cancelled], cutoff, threshold, rng)


DEMO_CANCELLED_NOTE = "Dibatalkan: tidak termasuk RPK dan sisa anggaran di luar rencana tidak mencukupi."


def _attendance(sessions, cutoff, threshold, rng) -> None:
    delivered = [s for s in sessions if s.end_date < cutoff]
    days: dict[int, list[SessionDay]] = {}
    for day in SessionDay.objects.filter(session__in=delivered).order_by("date"):
        days.setdefault(day.session_id, []).append(day)
    rows, done, certificates = [], [], []
    roster = Enrolment.objects.filter(session__in=delivered, status=Enrolment.Status.CONFIRMED).select_related(
        "session")
    for enrolment in roster:
        session_days = days.get(enrolment.session_id, [])
        reliability = 0.97 if rng.random() < 0.85 else 0.6  # most attend; some miss days
        present = 0
        for day in session_days:
            roll = rng.random()
            status = (Attendance.Status.PRESENT if roll < reliability - 0.03 else Attendance.Status.LATE
                      if roll < reliability else Attendance.Status.EXCUSED if roll < reliability + 0.02
                      else Attendance.Status.ABSENT)
            present += status in Attendance.PRESENT_STATUSES
            rows.append(Attendance(enrolment=enrolment, day=day, status=status))
        percent = services.attendance_percent(present, len(session_days)).quantize(Decimal("0.01"),
                                                                                   rounding=ROUND_HALF_UP)
        enrolment.attendance_percent = percent
        enrolment.completed = bool(session_days) and percent >= threshold
        enrolment.jp = enrolment.session.jp if enrolment.completed else Decimal("0")
        done.append(enrolment)
        if enrolment.completed:
            certificates.append(Certificate(enrolment=enrolment, code=random_code(12)))
    Attendance.objects.bulk_create(rows, batch_size=5000)
    Enrolment.objects.bulk_update(done, ["attendance_percent", "completed", "jp"], batch_size=2000)
    Certificate.objects.bulk_create(certificates, batch_size=2000)
    Session.objects.filter(pk__in=[s.pk for s in delivered]).update(status=Session.Status.COMPLETED,
                                                                     completed_at=timezone.now())


def _claim_file(employee_id: int) -> str:
    return default_storage.save(f"delivery/claims/{employee_id}/{random_code(16).lower()}.pdf",
                                ContentFile(DEMO_PDF))


def _claims(ctx, agency, rng) -> None:
    employees = list(Employee.objects.filter(agency=agency, active=True, status=EmployeeStatus.PNS)
                     .order_by("pk").values_list("pk", flat=True))
    if not employees:
        return
    cutoff = _cutoff(ctx)
    claims = []
    for i, pk in enumerate(rng.sample(employees, min(36, len(employees)))):
        title, provider, jp = CLAIMS[i % len(CLAIMS)]
        end = dt.date(ctx.year, 1, 10) + dt.timedelta(days=rng.randrange(0, max(1, (cutoff - dt.date(
            ctx.year, 1, 10)).days)))
        status = (ExternalClaim.Status.PENDING if i % 4 == 0 else ExternalClaim.Status.REJECTED if i % 9 == 1
                  else ExternalClaim.Status.VERIFIED)
        claims.append(ExternalClaim(
            employee_id=pk, title=title, provider_name=provider, start_date=end - dt.timedelta(days=2),
            end_date=end, jp=Decimal(jp), file=_claim_file(pk), file_type="application/pdf",
            file_size=len(DEMO_PDF), status=status, certificate_number=f"STTPP/{ctx.year}/{1000 + i}",
            reason="Sertifikat tidak mencantumkan jumlah JP; unggah ulang STTPP resmi."
            if status == ExternalClaim.Status.REJECTED else "",
            verified_at=timezone.now() if status != ExternalClaim.Status.PENDING else None))
    ExternalClaim.objects.bulk_create(claims)


# Learning outside the city's own sessions, verified as external claims: e-learning (ASN Unggul, LMS of the
# ministries), webinars, in-house workshops of an OPD. (title, provider, JP).
SELF_LEARNING = [
    ("MOOC Pelayanan Publik Prima", "LAN (ASN Unggul)", 20), ("MOOC Literasi Digital ASN", "LAN (ASN Unggul)", 16),
    ("Webinar Manajemen Risiko Pemerintah Daerah", "BPKP", 3), ("Webinar Penyusunan SKP", "BKN", 2),
    ("E-learning Pencegahan Korupsi", "KPK (ACLC)", 12), ("Lokakarya Penyusunan Renja OPD", "Perangkat daerah", 8),
    ("E-learning Keamanan Informasi", "BSSN", 6), ("Bimtek Daring Tata Naskah Dinas", "ANRI", 4)]

# Share of the subject employees who have reached 20 JP by the end of the year; another share has part of it.
# Plausible figures for a city administration (so that 15–40 % show as at risk late in the year), not data.
DEMO_DONE_BY_YEAR_END = 0.72
DEMO_PARTIAL = 0.12


def _self_learning(ctx, agency, rng) -> None:
    """Verified external claims so that the compliance page shows a plausible year: the JP of the city's own
    sessions reach only a few hundred employees, so without this nearly every PNS would be "at risk". By the demo
    date (the delivery cutoff) about DEMO_DONE_BY_YEAR_END of the year-end share have 20 JP, DEMO_PARTIAL have
    some; the rest have only what the sessions gave them."""
    from django.db.models import Sum

    cutoff = _cutoff(ctx)
    start = dt.date(ctx.year, 1, 10)
    elapsed = min(1.0, (cutoff - dt.date(ctx.year, 1, 1)).days / 335)  # most of it is done by early December
    target = float(services.settings_for(agency).jp_target)
    subject = list(Employee.objects.filter(agency=agency, active=True, status__in=[
        EmployeeStatus.PNS, EmployeeStatus.CPNS]).order_by("pk").values_list("pk", flat=True))
    have = dict(Enrolment.objects.filter(completed=True, session__agency=agency, session__end_date__year=ctx.year)
                .values("employee_id").annotate(s=Sum("jp")).values_list("employee_id", "s").order_by())
    have_claims = dict(ExternalClaim.objects.filter(employee__agency=agency, status=ExternalClaim.Status.VERIFIED,
                                                    end_date__year=ctx.year)
                       .values("employee_id").annotate(s=Sum("jp")).values_list("employee_id", "s").order_by())
    path = _claim_file(0)  # one certificate file shared by these demo claims
    span = max(1, (cutoff - start).days)
    claims = []
    for pk in subject:
        roll = rng.random()
        jp = float(have.get(pk, 0) or 0) + float(have_claims.get(pk, 0) or 0)
        goal = target if roll < DEMO_DONE_BY_YEAR_END * elapsed else (
            rng.uniform(4, target - 4) if roll < (DEMO_DONE_BY_YEAR_END + DEMO_PARTIAL) * elapsed else 0)
        while jp < goal:
            title, provider, hours = rng.choice(SELF_LEARNING)
            end = start + dt.timedelta(days=rng.randrange(0, span))
            claims.append(ExternalClaim(
                employee_id=pk, title=title, provider_name=provider, start_date=end - dt.timedelta(days=1),
                end_date=end, jp=Decimal(hours), file=path, file_type="application/pdf", file_size=len(DEMO_PDF),
                status=ExternalClaim.Status.VERIFIED, verified_at=timezone.now(),
                certificate_number=f"{provider[:3].upper()}/{ctx.year}/{pk}-{len(claims)}"))
            jp += hours
    ExternalClaim.objects.bulk_create(claims, batch_size=2000)


def _link_plan(ctx, agency) -> int:
    """Tie the year's other sessions (the catalogue's routine ones) to the approved RPK's items, as BKPSDM does
    when it runs the plan (delivery's `sessions_from_plan` links an item to a session that already exists): each
    item without a session to the first session of its programme, not yet linked, that starts in the item's month
    or later. Idempotent: linked items and sessions are left alone."""
    plan = plans.approved_plan(agency.pk, ctx.year)
    if plan is None:
        return 0
    done = set(Session.objects.filter(plan_item__plan=plan).values_list("plan_item_id", flat=True))
    free: dict[int, list[Session]] = defaultdict(list)
    for session in Session.objects.filter(agency=agency, start_date__year=ctx.year, plan_item__isnull=True
                                          ).order_by("start_date", "pk"):
        free[session.programme_id].append(session)
    linked = []
    for item in plans.plan_items(plan):
        options = free.get(item.programme_id, [])
        match = next((s for s in options if s.start_date.month >= item.month), None)
        if item.pk in done or match is None:
            continue
        options.remove(match)
        match.plan_item = item
        linked.append(match)
    Session.objects.bulk_update(linked, ["plan_item"])
    return len(linked)


def seed_late(ctx) -> None:
    """With the demo accounts: the facilitator runs sessions (one today or next); the demo employee has a
    certificate, a pending invitation and a claim waiting for verification (each added once)."""
    from renbang.accounts.models import User

    agency = _agency(ctx)
    if agency is None:
        return
    facilitator = User.objects.filter(username="fasilitator", agency=agency).first()
    employee_user = User.objects.filter(username="pegawai", agency=agency, employee__isnull=False).first()
    admin = User.objects.filter(username="admin.bkpsdm", agency=agency).first()
    sessions = Session.objects.filter(agency=agency, start_date__year=ctx.year)
    if facilitator and not sessions.filter(facilitator=facilitator).exists():
        ids = list(sessions.filter(planned_session__isnull=False).order_by("start_date").values_list("pk", flat=True))
        sessions.filter(pk__in=ids[::3]).update(facilitator=facilitator)
    if employee_user is not None:
        _employee_extras(ctx, sessions, employee_user, admin)
    if facilitator:
        Notice.objects.get_or_create(user=facilitator, kind="delivery.demo", defaults={
            "title": "Selamat datang, fasilitator", "body": "Catat presensi peserta dari menu Pelaksanaan.",
            "url": "/pelaksanaan/fasilitator/"})
    ctx.log("  pelaksanaan: akun demo pegawai dan fasilitator diberi jadwal, sertifikat dan klaim")


def _employee_extras(ctx, sessions, employee_user, admin) -> None:
    """A certificate, an upcoming session (one of the employee's IDP when there is one) and a pending claim for the
    demo employee, each unless they have one already (the plan's sessions may have invited them)."""
    employee = employee_user.employee
    mine = Enrolment.objects.filter(employee=employee, session__in=sessions)
    if not mine.filter(completed=True).exists():
        # a free session outside the plan: it adds nothing to the plan's realisation nor to the money outside it
        done = sessions.filter(status=Session.Status.COMPLETED, plan_item__isnull=True).exclude(
            enrolments__employee=employee).order_by("programme__cost_per_participant", "start_date").first()
        if done is not None:
            enrolment = Enrolment.objects.create(session=done, employee=employee, status=Enrolment.Status.CONFIRMED,
                                                 source=Enrolment.Source.PLAN, attendance_percent=100,
                                                 completed=True, jp=done.jp)
            Attendance.objects.bulk_create([Attendance(enrolment=enrolment, day=d) for d in done.days.all()])
            Certificate.objects.create(enrolment=enrolment)
    ahead = sessions.filter(status=Session.Status.SCHEDULED, start_date__gt=ctx.today)
    if not mine.filter(session__in=ahead).exists():
        upcoming = (ahead.filter(plan_item__assignments__employee=employee).order_by("start_date").first()
                    or ahead.order_by("start_date").first())
        if upcoming is not None:
            services.enrolments_invite(session=upcoming, employees=[employee], user=admin,
                                       source=Enrolment.Source.PLAN)
    title = "Webinar Pelayanan Publik Inklusif"
    if not ExternalClaim.objects.filter(employee=employee, title=title).exists():
        ExternalClaim.objects.create(
            employee=employee, title=title, provider_name="KemenPANRB", start_date=dt.date(ctx.year, 3, 5),
            end_date=dt.date(ctx.year, 3, 5), jp=Decimal("4"), file=_claim_file(employee.pk),
            file_type="application/pdf", file_size=len(DEMO_PDF), submitted_by=employee_user)
