"""Root URLs: every app's pages in the `web` namespace, accounts, the API and its schema, the admin.

Each domain app owns its routes (`<app>/urls.py`): `production_urlpatterns` are mounted under
/p/<code>/ and `urlpatterns` at the top. They share the one `web` URL namespace, so a page's URL
name (`web:contract`, `web:board`) does not depend on which app serves it.
"""

from django.contrib import admin
from django.urls import include, path

from prodoffice.callsheets import urls as callsheets
from prodoffice.contracts import urls as contracts
from prodoffice.languages import urls as languages
from prodoffice.locations import urls as locations
from prodoffice.post import urls as post
from prodoffice.productions import urls as productions
from prodoffice.scheduling import urls as scheduling
from prodoffice.web import urls as web

PAGE_APPS = (web, productions, scheduling, locations, contracts, callsheets, post, languages)

pages = [
    *(route for app in PAGE_APPS for route in app.urlpatterns),
    path("p/<str:code>/", include([r for app in PAGE_APPS for r in app.production_urlpatterns])),
]

urlpatterns = [
    path("", include((pages, "web"))),
    path("accounts/", include("prodoffice.accounts.urls")),
    path("api/", include("prodoffice.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "prodoffice.web.views.errors.permission_denied"
handler404 = "prodoffice.web.views.errors.page_not_found"
handler500 = "prodoffice.web.views.errors.server_error"
