"""The product's URLs plus the benchmark-only floor views (never part of the product's urls.py).

The floors sit under the same prefixes as what they stand for (/p/ and /api/v1/), so the
middleware treats them alike.
"""

from django.urls import path

from benchmarks._callsheet_floor import callsheet_floor
from benchmarks._floor import api_floor_view, floor_view
from benchmarks._load_floor import rows_floor
from benchmarks._stripboard_floor import stripboard_floor
from prodoffice import urls as product

urlpatterns = [
    path("p/<str:code>/__floor__/rows/", rows_floor, name="bench-load-floor"),
    path("p/<str:code>/__floor__/<str:view>/", floor_view, name="bench-floor"),
    path("api/v1/__floor__/engagements/", api_floor_view, name="bench-api-floor"),
    path(
        "p/<str:code>/__floor__/stripboard/<uuid:public_id>/",
        stripboard_floor,
        name="bench-stripboard-floor",
    ),
    path(
        "p/<str:code>/__floor__/callsheet/<uuid:public_id>/",
        callsheet_floor,
        name="bench-callsheet-floor",
    ),
    *product.urlpatterns,
]
handler403 = product.handler403
handler404 = product.handler404
handler500 = product.handler500
