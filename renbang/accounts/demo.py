"""Demo accounts: one user per role, linked to fitting employees of the Kota Medan demo.

Runs as `seed_late` (after org and people, which come later in INSTALLED_APPS than accounts). Idempotent:
an existing username is left as it is (its password too), so a changed demo password survives a re-seed.

The employee account is someone the demo plan reached: the plans step hands over the employees with an IDP in
the approved plan (`ctx.shared["plans"]["idp_employee_ids"]`; accounts stands before plans and does not import it).
A budget-bound plan gives an IDP to about a third of a 5,000-employee city (2.5 billion Rp for all of them, the free
programmes' seats taken), so a staff member picked by NIP alone often had none and "my development" was empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Q

from renbang.core.demo import DEMO_PASSWORD, DemoContext
from renbang.org.models import OrgUnit, PositionLevel, PositionType
from renbang.people.models import Employee, EmployeeStatus

from .models import Role, User

ADMIN_GROUP = "Admin BKPSDM (demo)"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    can: str  # what the account can do, shown by `demo_accounts`


DEMO_ACCOUNTS = [
    DemoAccount("admin.bkpsdm", Role.BKPSDM_ADMIN,
                "Seluruh data Pemkot Medan: pegawai, unit, jabatan, impor, audit, admin Django (/admin/)"),
    DemoAccount("opd.pendidikan", Role.HR_OFFICER,
                "Pegawai Dinas Pendidikan dan Kebudayaan beserta bidang, seksi dan sekolahnya"),
    DemoAccount("atasan", Role.SUPERVISOR, "Bawahan langsung dan tidak langsung, serta data diri sendiri"),
    DemoAccount("pegawai", Role.EMPLOYEE, "Data dan rencana pengembangan diri sendiri"),
    DemoAccount("mentor", Role.MENTOR, "Data diri sendiri dan mentee yang dibimbing"),
    DemoAccount("fasilitator", Role.FACILITATOR, "Widyaiswara BKPSDM: peserta pelatihan yang difasilitasi"),
    DemoAccount("ppk", Role.HEAD, "Pimpinan (PPK, Wali Kota Medan): membaca seluruh data, menyetujui rencana"),
]


def seed_late(ctx: DemoContext) -> None:
    agency = ctx.agency
    existing = set(User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
                   .values_list("username", flat=True))
    # Demo accounts never have to enrol in two-factor verification (also those seeded before the flag existed).
    User.objects.filter(username__in=existing).update(otp_exempt=True)
    if agency is None or len(existing) == len(DEMO_ACCOUNTS):
        ctx.log("  accounts: akun demo sudah ada; dilewati.")
        return
    staff = Employee.objects.filter(agency=agency, active=True)
    picked: dict[str, Employee | None] = {}
    used: set[int] = set(User.objects.exclude(employee=None).values_list("employee_id", flat=True))

    def first(*querysets) -> Employee | None:
        for qs in querysets:
            found = qs.exclude(pk__in=used).order_by("nip").first()
            if found:
                used.add(found.pk)
                return found
        return None

    participants = set(ctx.shared.get("plans", {}).get("idp_employee_ids") or ())
    # a supervisor with at least one PNS subordinate who has an IDP, so that the employee account can have one too
    planned_staff = Q(subordinates__active=True, subordinates__status=EmployeeStatus.PNS,
                      subordinates__pk__in=participants)
    with_subordinates = staff.annotate(n=Count("subordinates", filter=Q(subordinates__active=True)),
                                       n_planned=Count("subordinates", filter=planned_staff))
    picked["admin.bkpsdm"] = first(
        staff.filter(position__name="Kepala Bidang Pengembangan Kompetensi Aparatur"),
        staff.filter(unit__code__startswith="bkpsdm", position__name__startswith="Analis Sumber Daya Manusia"),
        staff.filter(unit__code__startswith="bkpsdm"),
    )
    picked["opd.pendidikan"] = first(
        staff.filter(unit__code="disdikbud.sekr.umum", position__name="Kepala Subbagian Umum dan Kepegawaian"),
        staff.filter(unit__code__startswith="disdikbud.sekr"),
    )
    bosses = [
        with_subordinates.filter(unit__code__startswith="disdikbud.b", position__name__startswith="Kepala Seksi",
                                 n__gte=3),
        with_subordinates.filter(position__name__startswith="Kepala Seksi", n__gte=3),
        with_subordinates.filter(position__position_type=PositionType.SUPERVISORY, n__gte=3),
        with_subordinates.filter(position__position_type=PositionType.ADMINISTRATOR, n__gte=2),
        with_subordinates.filter(n__gte=1, supervisor__isnull=False),
    ]
    boss = first(*[qs.filter(n_planned__gte=1) for qs in bosses], *bosses) if participants else first(*bosses)
    picked["atasan"] = boss
    picked["pegawai"] = first(
        staff.filter(supervisor=boss, status=EmployeeStatus.PNS, pk__in=participants) if boss else staff.none(),
        staff.filter(supervisor=boss, status=EmployeeStatus.PNS) if boss else staff.none(),
        staff.filter(supervisor=boss) if boss else staff.none(),
        staff.filter(position__position_type=PositionType.EXECUTIVE, subordinates__isnull=True),
    )
    top = (picked["pegawai"].unit.code.split(".")[0] if picked["pegawai"] else "") or "-"
    picked["mentor"] = first(
        staff.filter(unit__code__startswith=top, position__position_type=PositionType.FUNCTIONAL_EXPERT,
                     position__level=PositionLevel.MADYA),
        staff.filter(unit__code__startswith=top, position__position_type=PositionType.ADMINISTRATOR),
        staff.filter(position__position_type=PositionType.ADMINISTRATOR),
    )
    picked["fasilitator"] = first(staff.filter(position__name__startswith="Widyaiswara"))
    picked["ppk"] = None  # the PPK is the Wali Kota, an elected official without an ASN record
    hr_unit = OrgUnit.objects.filter(agency=agency, code="disdikbud").first()
    # One hash for all demo users: PBKDF2 costs about a second per call and the password is public anyway.
    password = make_password(DEMO_PASSWORD)
    created = 0
    for account in DEMO_ACCOUNTS:
        employee = picked.get(account.username)
        user, was_created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "agency": agency, "role": account.role, "employee": employee,
                "first_name": employee.name[:150] if employee else ("Wali Kota Medan" if account.role == Role.HEAD
                                                                    else account.username),
                "unit": hr_unit if account.role == Role.HR_OFFICER else None,
                "is_staff": account.role == Role.BKPSDM_ADMIN,
                "email": f"{account.username}@demo.renbang.invalid", "password": password,
                "otp_exempt": True,  # a newcomer logs in with the printed password (docs/panduan/admin-bkpsdm.md)
            },
        )
        if was_created:
            created += 1
            if account.role == Role.BKPSDM_ADMIN:
                user.groups.add(_admin_group())
    ctx.log(f"  accounts: {created} akun demo dibuat (kata sandi {DEMO_PASSWORD}).")


def _admin_group() -> Group:
    """All model permissions, so the Django admin works for the BKPSDM admin without making them superuser."""
    group, created = Group.objects.get_or_create(name=ADMIN_GROUP)
    if created:
        group.permissions.set(Permission.objects.all())
    return group
