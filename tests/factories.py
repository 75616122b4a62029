"""factory_boy factories: small, valid data for every test (never the 15,000-employee demo)."""

from __future__ import annotations

import datetime as dt

import factory

from renbang.accounts.models import Role, User
from renbang.org.models import Agency, OrgUnit, Position, PositionType, UnitKind
from renbang.people.models import Employee, EmployeeStatus, PerformanceRecord, Predicate
from renbang.people.nip import make_nip


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = "kota-medan"
    name = "Pemerintah Kota Medan"
    region = "Kota Medan"
    hr_agency_name = "BKPSDM Kota Medan"
    head_title = "Wali Kota Medan"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = UnitKind.OFFICE


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Analis Uji {n}")
    position_type = PositionType.EXECUTIVE
    level = ""


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    sex = "L"
    birth_date = factory.Sequence(lambda n: dt.date(1980, 1, 1) + dt.timedelta(days=n * 37 % 7000))
    status = EmployeeStatus.PNS
    rank = "III/a"
    unit = factory.SubFactory(OrgUnitFactory, agency=factory.SelfAttribute("..agency"))
    position = factory.SubFactory(PositionFactory, agency=factory.SelfAttribute("..agency"))
    nip = factory.LazyAttributeSequence(
        lambda o, n: make_nip(o.birth_date, (o.birth_date.year + 23, 3), o.sex, n)
    )


class PerformanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceRecord

    employee = factory.SubFactory(EmployeeFactory)
    year = 2025
    predicate = Predicate.GOOD


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    agency = factory.SubFactory(AgencyFactory)
    role = Role.EMPLOYEE
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
