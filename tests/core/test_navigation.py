from renbang.core.navigation import items_for


def _top(user):
    return {entry["key"]: entry for entry in items_for(user)}


def test_it_groups_master_data_standards_and_strategy_into_dropdowns(world):
    menu = _top(world.users.admin)
    assert [c["key"] for c in menu["data"]["children"]] == ["people", "units", "positions", "employee_accounts",
                                                             "audit"]
    assert [c["key"] for c in menu["standards"]["children"]] == ["competencies", "standards"]
    assert [c["key"] for c in menu["strategy"]["children"]] == ["catalog", "mentoring"]
    orders = [entry["order"] for entry in items_for(world.users.admin)]
    assert orders == sorted(orders)


def test_it_keeps_the_menu_to_one_row_for_every_role(world):
    for user in vars(world.users).values():
        assert len(items_for(user)) <= 10, user.username


def test_it_shows_a_group_with_one_visible_entry_as_a_plain_link(world):
    menu = _top(world.users.employee)
    assert "people" not in {c["key"] for entry in menu.values() for c in entry.get("children", [])}
    for entry in menu.values():
        assert "children" not in entry or len(entry["children"]) > 1
