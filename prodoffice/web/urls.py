"""The site's own pages: the home redirect, health, and a production's dashboard.

Each domain app's pages live in its own `urls.py`; the root URLconf composes them all in the `web`
URL namespace.
"""

from django.urls import path

from prodoffice.web.views import dashboard, pages

production_urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
]
