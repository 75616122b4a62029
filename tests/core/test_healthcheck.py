from io import StringIO

from django.core.management import call_command


def test_it_reports_a_healthy_installation(db):
    out = StringIO()
    call_command("healthcheck", stdout=out)
    assert "sehat" in out.getvalue()
