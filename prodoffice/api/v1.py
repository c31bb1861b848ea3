"""Version 1: every app's viewsets on one router, plus the token exchange and the current user.

Conventions (the authorization matrix and schemathesis rely on them):

- URL kwargs: `{code}` for productions, `{id}` for everything else (the public UUID of people,
  companies, engagements and meetings; the row id of memberships and audit events), `{item_id}`
  for a child row (a person's card, language, credit, agent; a meeting's action item).
- Reads come from `Model.objects.for_user(user)`: other productions' objects answer 404.
  Visible objects the user may not change answer 403 (the service refuses); studio executives
  get 403 on every write before the body is read.
- Writes go through the services with `actor=request.user`; input serializers are whitelists,
  so unknown fields (`is_staff`, `production` on update, `status` in a PATCH) are ignored.
- Errors: `{"error": {"code", "message", "fields"}}`, also for unknown paths under /api/.
- Lists: `?page=&page_size=` (at most 500), `?ordering=` from each view's `ordering_aliases`.
- Auth: `Authorization: Bearer <token>` from `POST auth/token/`, or the web session (which must
  have passed the second factor when it is required).
"""

from django.urls import path
from rest_framework.routers import DefaultRouter

from prodoffice.accounts.api.views import MeView, TokenView
from prodoffice.audit.api.views import AuditEventViewSet
from prodoffice.contracts.api.signing import (
    LinkConsentView,
    LinkDeclineView,
    LinkDocumentView,
    LinkSignView,
    LinkWithdrawConsentView,
)
from prodoffice.contracts.api.views import ContractViewSet
from prodoffice.people.api.views import CompanyViewSet, PersonViewSet
from prodoffice.productions.api.catalogue import DepartmentViewSet, PositionViewSet
from prodoffice.productions.api.meetings import MeetingViewSet
from prodoffice.productions.api.memberships import MembershipViewSet
from prodoffice.productions.api.views import EngagementViewSet, ProductionViewSet
from prodoffice.scheduling.api.boards import BoardViewSet
from prodoffice.scheduling.api.breakdown import ElementViewSet, SceneViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("productions", ProductionViewSet, basename="production")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("people", PersonViewSet, basename="person")
router.register("companies", CompanyViewSet, basename="company")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("departments", DepartmentViewSet, basename="department")
router.register("positions", PositionViewSet, basename="position")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("contracts", ContractViewSet, basename="contract")
# --- breakdown ---
router.register("scenes", SceneViewSet, basename="scene")
router.register("elements", ElementViewSet, basename="element")
# --- stripboards ---
router.register("boards", BoardViewSet, basename="board")

app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "meetings/<uuid:id>/minutes.pdf",
        MeetingViewSet.as_view({"get": "minutes_pdf"}),
        name="meeting-minutes-pdf",
    ),
    # Signing links (no account): the token and access code in the body are the credentials.
    path("signing/consent/", LinkConsentView.as_view(), name="signing-consent"),
    path("signing/document/", LinkDocumentView.as_view(), name="signing-document"),
    path("signing/sign/", LinkSignView.as_view(), name="signing-sign"),
    path("signing/decline/", LinkDeclineView.as_view(), name="signing-decline"),
    # --- contracts signing ---
    path(
        "signing/withdraw-consent/",
        LinkWithdrawConsentView.as_view(),
        name="signing-withdraw-consent",
    ),
    # --- end contracts signing ---
    *router.urls,
]
