from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from renbang.catalog.models import JpBasis, Method, Route
from renbang.catalog.selectors import methods_for_agency
from renbang.catalog.services import method_update

from .factories import ProgrammeFactory, method

# Peraturan LAN 10/2018 (DOMAIN.md): pendidikan; 11 klasikal; 12 nonklasikal forms.
KLASIKAL = ["kepemimpinan", "manajerial", "teknis", "fungsional", "sosial kultural", "seminar", "workshop",
            "kursus", "penataran", "bimbingan teknis", "sosialisasi"]
NONKLASIKAL = ["coaching", "mentoring", "e-learning", "jarak jauh", "detasering", "alam terbuka", "patok banding",
               "pertukaran", "belajar mandiri", "komunitas belajar", "bimbingan di tempat kerja", "magang"]


def test_it_lists_every_lan_form_of_development(db):
    national = Method.objects.filter(agency=None)
    assert national.filter(route=Route.EDUCATION).count() == 1
    klasikal = [m.name.lower() for m in national.filter(route=Route.CLASSICAL)]
    nonklasikal = [m.name.lower() for m in national.filter(route=Route.NONCLASSICAL)]
    assert len(klasikal) == 11 and len(nonklasikal) == 12
    for form in KLASIKAL:
        assert any(form in name for name in klasikal), form
    for form in NONKLASIKAL:
        assert any(form in name for name in nonklasikal), form
    assert all("Peraturan LAN No. 10 Tahun 2018" in m.source for m in national)


def test_it_converts_minutes_to_jp_by_the_editable_convention(db):
    mentoring = method("NK-MEN")
    assert mentoring.jp_for_minutes(90) == Decimal("2.00")  # 1 JP = 45 minutes by default
    mentoring.minutes_per_jp = 60
    assert mentoring.jp_for_minutes(90) == Decimal("1.50")
    community = method("NK-KOM")
    assert community.jp_basis == JpBasis.ACTIVITY
    assert community.jp_for_minutes(30) == Decimal("2.00")
    secondment = method("NK-DET")
    assert secondment.jp_for_minutes(45 * 20) == Decimal("8.00")  # never more than one day per activity


def test_it_edits_a_national_method_as_an_agency_copy(world):
    national = method("NK-MEN")
    programme = ProgrammeFactory(agency=world.agency, method=national)
    copy = method_update(method=national, agency=world.agency, data={"effectiveness": Decimal("0.75")})
    assert copy.agency == world.agency and copy.code == "NK-MEN" and copy.based_on == national
    national.refresh_from_db()
    assert national.effectiveness == Decimal("0.60")
    programme.refresh_from_db()
    assert programme.method == copy and programme.effectiveness == Decimal("0.75")
    codes = list(methods_for_agency(world.agency.pk).values_list("code", flat=True))
    assert codes.count("NK-MEN") == 1 and len(codes) == 24


def test_it_refuses_an_effectiveness_outside_zero_to_one(world):
    with pytest.raises(ValidationError):
        method_update(method=method("KL-TEK"), agency=world.agency, data={"effectiveness": Decimal("1.5")})
