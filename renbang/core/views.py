from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from . import home as registry
from . import selectors, usercache


def _home_figures(user, today) -> dict:
    year = registry.working_year(user, today)
    with registry.rendering():
        tasks, steps = registry.tasks_for(user, today), registry.steps_for(user, year)
    return {"summary": selectors.home_summary(user) if registry.sees_cycle(user) else None,
            "tasks": tasks, "steps": steps, "year": year}


def home(request):
    """What waits for the user, where the year's cycle stands (each step in the user's scope), key counts. Kept a
    short time for the user (renbang.core.usercache): the user's own writes show at once, others' within a minute."""
    user, today = request.user, timezone.localdate()
    figures = usercache.cached(user, "home", lambda: _home_figures(user, today), vary=(today,))
    return render(request, "core/home.html", figures)


@login_not_required
def healthz(request):
    """Liveness + database check for the load balancer; no data, no login."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
