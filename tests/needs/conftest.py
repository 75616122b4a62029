from types import SimpleNamespace

import pytest

from .factories import CampaignFactory, CompetencyFactory, PositionStandardFactory


@pytest.fixture
def needs_world(world):
    """The world plus three managerial competencies, standards for its positions and an open campaign.

    Staff (pelaksana) require 2 on each; the chief (pengawas) requires 3; the career path leads staff → pengawas.
    """
    comps = [CompetencyFactory(code=f"M.{i}", name=name) for i, name in
             enumerate(["Integritas", "Kerja Sama", "Komunikasi"], start=1)]
    positions = world.positions
    for comp in comps:
        PositionStandardFactory(position=positions.staff, competency=comp, required_level=2)
        PositionStandardFactory(position=positions.pengawas, competency=comp, required_level=3)
        PositionStandardFactory(position=positions.administrator, competency=comp, required_level=4)
    positions.staff.next_positions.add(positions.pengawas)
    campaign = CampaignFactory(agency=world.agency)
    world.comps = comps
    world.campaign = campaign
    return world


@pytest.fixture
def ns():
    return SimpleNamespace
