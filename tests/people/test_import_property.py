"""Property-based tests: the NIP parser and the importer never crash and never half-write."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renbang.core.tabular import TabularError
from renbang.org.models import OrgUnit, Position
from renbang.people.importing import import_employees
from renbang.people.models import Employee
from renbang.people.nip import NipError, make_nip, parse_nip

from .builders import INDONESIAN, make_csv, make_xlsx, person

TODAY = dt.date(2026, 6, 15)


@st.composite
def valid_nips(draw):
    birth = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2007, 12, 31)))
    first = (birth.year + 18) * 12 + birth.month - 1
    last = TODAY.year * 12 + TODAY.month - 1
    month_index = draw(st.integers(min_value=first, max_value=last))
    appointment = (month_index // 12, month_index % 12 + 1)
    sex = draw(st.sampled_from(["L", "P"]))
    sequence = draw(st.integers(min_value=0, max_value=999))
    return make_nip(birth, appointment, sex, sequence), birth, appointment, sex, sequence


@given(valid_nips())
def test_it_round_trips_every_valid_nip(parts):
    nip, birth, appointment, sex, sequence = parts
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.appointment, info.sex, info.sequence) == (birth, appointment, sex, sequence)
    assert parse_nip(nip, pppk=True, today=TODAY).birth_date == birth


@given(st.text(alphabet="0123456789", min_size=18, max_size=18), st.booleans())
def test_it_parses_or_refuses_any_18_digit_string(nip, pppk):
    try:
        info = parse_nip(nip, pppk=pppk, today=TODAY)
    except NipError as exc:
        assert str(exc).startswith(("NIP", "NI PPPK"))
    else:
        assert info.birth_date.strftime("%Y%m%d") == nip[:8] and info.sex in "LP"


@given(st.text(max_size=30), st.booleans())
def test_it_parses_or_refuses_any_text(nip, pppk):
    try:
        parse_nip(nip, pppk=pppk, today=TODAY)
    except NipError as exc:
        assert str(exc)
    else:
        assert len(nip) == 18 and nip.isdigit()


FIELDS = [k for k in INDONESIAN if k not in ("parent_unit", "position_type")]
cell = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=25),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "III/a", "IX", "PPPK", "PNS", "L", "P", "31-02-1980", "=1+1", "Kepala Dinas Uji",
                     "Dinas Uji Impor", "ya", "tidak", "S-1"]),
)


@st.composite
def rosters(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for n in range(1, count + 1):
        row = person(n)
        if n > 1 and draw(st.booleans()):
            row["supervisor"] = draw(st.sampled_from([r["nip"] for r in rows] + [""]))
        for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
            row[key] = draw(cell)
        rows.append(row)
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(rows=rosters(), skip_invalid=st.booleans(), as_xlsx=st.booleans())
def test_it_never_crashes_and_never_half_writes(world, rows, skip_invalid, as_xlsx):
    data = make_xlsx(rows) if as_xlsx else make_csv(rows)
    with transaction.atomic():
        before = (Employee.objects.count(), OrgUnit.objects.count(), Position.objects.count())
        try:
            report = import_employees(data=data, filename="f", agency=world.agency, dry_run=False,
                                      skip_invalid=skip_invalid)
        except TabularError:
            report = None
        after = (Employee.objects.count(), OrgUnit.objects.count(), Position.objects.count())
        if report is None or not report.written:
            assert after == before
            assert report is None or (report.errors and not skip_invalid)
        else:
            assert after[0] == before[0] + report.created
            assert report.created + report.updated + report.unchanged + report.skipped == report.total_rows
            bad = {e.row for e in report.errors}
            written = set(Employee.objects.values_list("nip", flat=True))
            for number, row in enumerate(rows, start=2):
                if number not in bad and isinstance(row["nip"], str) and row["nip"].isdigit():
                    assert row["nip"] in written
        transaction.set_rollback(True)
