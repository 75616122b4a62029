from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from . import selectors


def home(request):
    return render(request, "core/home.html", {"summary": selectors.home_summary(request.user)})


@login_not_required
def healthz(request):
    """Liveness + database check for the load balancer; no data, no login."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
