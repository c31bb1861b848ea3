"""Web pages."""

from django.urls import path

from prodoffice.web.views import pages

app_name = "web"
urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
]
