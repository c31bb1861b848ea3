"""Version 1: every app's viewsets on one router, plus the token exchange and the current user."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from prodoffice.accounts.api.views import MeView, TokenView
from prodoffice.audit.api.views import AuditEventViewSet
from prodoffice.people.api.views import CompanyViewSet, PersonViewSet
from prodoffice.productions.api.meetings import MeetingViewSet
from prodoffice.productions.api.memberships import MembershipViewSet
from prodoffice.productions.api.views import EngagementViewSet, ProductionViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("productions", ProductionViewSet, basename="production")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("people", PersonViewSet, basename="person")
router.register("companies", CompanyViewSet, basename="company")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("audit-events", AuditEventViewSet, basename="audit-event")

app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "meetings/<uuid:id>/minutes.pdf",
        MeetingViewSet.as_view({"get": "minutes_pdf"}),
        name="meeting-minutes-pdf",
    ),
    *router.urls,
]
