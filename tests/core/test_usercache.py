"""Figures kept per user (renbang.core.usercache): never another user's, a role change and the user's own writes
show at once."""

from renbang.accounts.models import Role, RoleGrant
from renbang.core import usercache
from renbang.core.models import Notice
from renbang.core.notices import notify


def test_it_never_serves_one_users_figure_to_another(world):
    employee, officer = world.users.employee, world.users.officer_a
    assert usercache.cached(employee, "home", lambda: "tugas pegawai") == "tugas pegawai"
    assert usercache.cached(officer, "home", lambda: "tugas operator") == "tugas operator"
    assert usercache.cached(employee, "home", lambda: "dihitung ulang") == "tugas pegawai"


def test_it_recomputes_as_soon_as_a_role_is_granted(world):
    user = world.users.employee
    assert usercache.cached(user, "nav", lambda: "menu pegawai") == "menu pegawai"
    RoleGrant.objects.create(user=user, role=Role.FACILITATOR)
    user.refresh_roles()
    assert usercache.cached(user, "nav", lambda: "menu fasilitator") == "menu fasilitator"


def test_it_shows_a_new_notice_on_the_next_page(world, login):
    user = world.users.employee
    client = login(user)
    client.get("/")
    notify(users=[user], title="Undangan pelatihan", email=False)
    assert Notice.objects.filter(user=user).count() == 1
    assert 'id="notice-count">1<' in client.get("/").content.decode()


def test_it_forgets_the_users_figures_after_their_own_write(world, login):
    user = world.users.employee
    client = login(user)
    usercache.cached(user, "home", lambda: "sebelum")
    client.post("/i18n/setlang/", {"language": "id"})
    assert usercache.cached(user, "home", lambda: "sesudah") == "sesudah"
