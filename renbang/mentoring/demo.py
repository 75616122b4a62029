"""Demo mentoring programme for Kota Medan: senior officials mentor pengawas and pelaksana on managerial
competencies; pairs come from the optimal matching, with a few meeting logs and feedback."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from renbang.competencies.models import Competency
from renbang.org.models import PositionType
from renbang.people.models import Employee

from .models import Feedback, Log, MentoringProgramme, Pair, Participant
from .services import programme_match

TITLE = "Mentoring Kepemimpinan Pejabat Pengawas dan Pelaksana {year}"
TOPICS = ["Menyusun rencana kerja tim", "Delegasi dan pembagian tugas", "Memberi umpan balik kinerja",
          "Koordinasi lintas bidang", "Mengambil keputusan dengan data", "Pelayanan publik dan pengaduan"]


def seed(ctx) -> None:
    from renbang.catalog.selectors import method_by_code
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency

    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None:
        ctx.log("  mentoring: instansi demo belum ada; dilewati")
        return
    competencies = list(Competency.objects.filter(agency__isnull=True, code__in=["M.2", "M.6", "M.8"]))
    if not competencies:
        ctx.log("  mentoring: kompetensi manajerial nasional belum ada; dilewati")
        return
    rng = ctx.rng("mentoring")
    programme, _ = MentoringProgramme.objects.update_or_create(
        agency=agency, title=TITLE.format(year=ctx.year), defaults={
            "method": method_by_code(agency.pk, "NK-MEN"), "start_date": dt.date(ctx.year, 2, 1),
            "end_date": dt.date(ctx.year, 11, 30), "capacity_per_mentor": 3,
            "description": "Pejabat administrator dan JPT membimbing pejabat pengawas dan pelaksana (model 10:20:70).",
        })
    programme.competencies.set(competencies)
    if not programme.participants.exists():
        staff = Employee.objects.filter(agency=agency, active=True).select_related("position")
        mentors = list(staff.filter(position__position_type__in=[PositionType.ADMINISTRATOR, PositionType.JPT])
                       .order_by("nip").values_list("pk", flat=True))
        mentees = list(staff.filter(Q(position__position_type=PositionType.SUPERVISORY)
                                    | Q(position__position_type=PositionType.EXECUTIVE, rank__startswith="III"))
                       .order_by("nip").values_list("pk", flat=True))
        mentors = rng.sample(mentors, min(60, len(mentors)))
        mentees = rng.sample(mentees, min(150, len(mentees)))
        Participant.objects.bulk_create(
            [Participant(programme=programme, employee_id=pk, role=Participant.Role.MENTOR) for pk in mentors]
            + [Participant(programme=programme, employee_id=pk, role=Participant.Role.MENTEE) for pk in mentees
               if pk not in set(mentors)])
    if not programme.pairs.exists():
        programme_match(programme=programme)
    pairs = list(programme.pairs.exclude(status=Pair.Status.REMOVED).order_by("pk")[:25])
    if pairs and not Log.objects.filter(pair__programme=programme).exists():
        logs, feedback = [], []
        for pair in pairs:
            for k in range(rng.randint(1, 4)):
                minutes = rng.choice([45, 60, 90, 120])
                logs.append(Log(pair=pair, date=dt.date(ctx.year, 2 + k * 2, rng.randint(3, 26)),
                                topic=rng.choice(TOPICS), duration_minutes=minutes,
                                jp=programme.method.jp_for_minutes(minutes)))
            feedback.append(Feedback(pair=pair, side="mentee", rating=rng.choice([4, 4, 5, 5, 3]),
                                     comment="Arahan mentor jelas dan dapat langsung diterapkan."))
            feedback.append(Feedback(pair=pair, side="mentor", rating=rng.choice([4, 5]),
                                     comment="Mentee aktif dan menyelesaikan tugas latihan."))
        Log.objects.bulk_create(logs)
        Feedback.objects.bulk_create(feedback)
    count = programme.pairs.exclude(status=Pair.Status.REMOVED).count()
    if not count:
        ctx.log("  mentoring: belum ada pasangan (standar kompetensi jabatan belum tersedia untuk perkiraan level)")
    ctx.log(f"  mentoring: {programme.participants.count()} peserta, {count} pasangan")


def seed_late(ctx) -> None:
    """After the demo accounts exist: make the demo mentor (and employee) accounts take part, then re-match."""
    from renbang.accounts.models import Role, User

    programme = MentoringProgramme.objects.filter(title=TITLE.format(year=ctx.year)).first()
    if programme is None:
        return
    changed = False
    for user in User.objects.filter(agency=programme.agency, role__in=[Role.MENTOR, Role.EMPLOYEE],
                                    employee__isnull=False):
        role = Participant.Role.MENTOR if user.role == Role.MENTOR else Participant.Role.MENTEE
        if not programme.participants.filter(employee_id=user.employee_id).exists():
            Participant.objects.create(programme=programme, employee_id=user.employee_id, role=role)
            changed = True
    if changed:
        programme_match(programme=programme)
        ctx.log(f"  mentoring: akun demo ditambahkan; {programme.pairs.exclude(status='removed').count()} pasangan")
