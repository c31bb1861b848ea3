"""Root URLs: web pages, accounts, the API and its schema, the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("prodoffice.web.urls")),
    path("accounts/", include("prodoffice.accounts.urls")),
    path("api/", include("prodoffice.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "prodoffice.web.views.errors.permission_denied"
handler404 = "prodoffice.web.views.errors.page_not_found"
handler500 = "prodoffice.web.views.errors.server_error"
