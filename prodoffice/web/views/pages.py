"""Home and health pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from prodoffice.productions.models import Production


@login_required
def home(request):
    """Send the user to their first production's dashboard, or say there is none yet."""
    production = Production.objects.for_user(request.user).first()
    if production is None:
        return render(request, "web/no_production.html")
    return redirect("web:dashboard", code=production.code)


def healthz(request):
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
