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
- `GET /api/v1/` (the router's root view, mounted by hand) is the index: every resource's list
  URL, the token exchange, the current user, the schema and the docs page. It is in the schema
  like any read.
"""

from django.urls import path, re_path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.routers import APIRootView, DefaultRouter

from prodoffice.accounts.api.views import MeView, TokenView
from prodoffice.api.base import API_AUTHENTICATION, API_PERMISSIONS
from prodoffice.api.schema import ErrorAwareAutoSchema
from prodoffice.audit.api.views import AuditEventViewSet
from prodoffice.callsheets.api.views import (
    CallSettingsViewSet,
    CallSheetViewSet,
    MyScheduleView,
)
from prodoffice.contracts.api.signing import (
    LinkConsentView,
    LinkDeclineView,
    LinkDocumentView,
    LinkSignView,
    LinkWithdrawConsentView,
)
from prodoffice.contracts.api.views import ContractViewSet
from prodoffice.languages.api.views import (
    DubbingLineViewSet,
    LinguistViewSet,
    ProductionLanguageViewSet,
    RecordingSessionViewSet,
    SubtitleFileViewSet,
    VoiceRoleViewSet,
    WorkItemViewSet,
)
from prodoffice.locations.api.views import (
    CandidateViewSet,
    DocumentViewSet,
    LocationPhotoViewSet,
    LocationViewSet,
    RuleViewSet,
)
from prodoffice.people.api.views import CompanyViewSet, PersonViewSet
from prodoffice.post.api.views import (
    AdrCueViewSet,
    BookingViewSet,
    CutVersionViewSet,
    DeliverableViewSet,
    PostTaskViewSet,
    RoomViewSet,
    VfxShotViewSet,
)
from prodoffice.productions.api.catalogue import DepartmentViewSet, PositionViewSet
from prodoffice.productions.api.meetings import MeetingViewSet
from prodoffice.productions.api.memberships import MembershipViewSet
from prodoffice.productions.api.views import EngagementViewSet, ProductionViewSet
from prodoffice.scheduling.api.boards import BoardViewSet
from prodoffice.scheduling.api.breakdown import ElementViewSet, SceneViewSet
from prodoffice.scheduling.api.optimizations import OptimizationRunViewSet


class ApiIndexSerializer(serializers.Serializer):
    """The API's index: where each resource lives."""

    version = serializers.CharField(help_text="The API version these URLs belong to (`v1`).")
    resources = serializers.DictField(
        child=serializers.CharField(), help_text="Resource name to the absolute URL of its list."
    )
    auth_token = serializers.CharField(help_text="Exchange credentials for a bearer token.")
    me = serializers.CharField(help_text="The signed-in user and their memberships.")
    schema = serializers.CharField(help_text="The OpenAPI schema of this API.")
    docs = serializers.CharField(help_text="The interactive documentation page.")


class ApiIndexView(APIRootView):
    """`GET /api/v1/`: the index of the API's resources, in the API's own JSON."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
    schema = ErrorAwareAutoSchema()

    @extend_schema(responses={200: ApiIndexSerializer}, operation_id="api_index")
    def get(self, request, *args, **kwargs):
        """Every resource of the API and where to find it."""
        absolute = request.build_absolute_uri
        resources = {
            prefix: absolute(reverse(f"api:{name}")) for prefix, name in self.api_root_dict.items()
        }
        data = {
            "version": "v1",
            "resources": resources,
            "auth_token": absolute(reverse("api:auth-token")),
            "me": absolute(reverse("api:me")),
            "schema": absolute(reverse("api-schema")),
            "docs": absolute(reverse("api-docs")),
        }
        return Response(ApiIndexSerializer(data).data)


router = DefaultRouter(trailing_slash=True)
# The index is mounted below without the router's `.json` suffix twin (a second, colliding
# operation in the schema).
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
router.register("optimizations", OptimizationRunViewSet, basename="optimization")
# --- post ---
router.register("rooms", RoomViewSet, basename="room")
router.register("bookings", BookingViewSet, basename="booking")
router.register("post-tasks", PostTaskViewSet, basename="post-task")
router.register("cut-versions", CutVersionViewSet, basename="cut-version")
router.register("deliverables", DeliverableViewSet, basename="deliverable")
router.register("adr-cues", AdrCueViewSet, basename="adr-cue")
router.register("vfx-shots", VfxShotViewSet, basename="vfx-shot")
# --- end post ---
# --- lang ---
router.register("linguists", LinguistViewSet, basename="linguist")
router.register("language-work", WorkItemViewSet, basename="language-work")
router.register("subtitle-files", SubtitleFileViewSet, basename="subtitle-file")
router.register("production-languages", ProductionLanguageViewSet, basename="production-language")
router.register("dubbing-lines", DubbingLineViewSet, basename="dubbing-line")
router.register("recording-sessions", RecordingSessionViewSet, basename="recording-session")
router.register("voice-roles", VoiceRoleViewSet, basename="voice-role")
# --- end lang ---
# --- call ---
router.register("callsheets", CallSheetViewSet, basename="callsheet")
# --- end call ---
# --- paper ---
router.register("documents", DocumentViewSet, basename="document")
router.register("locations", LocationViewSet, basename="location")
router.register("permit-offices", RuleViewSet, basename="permit-office")
router.register("location-photos", LocationPhotoViewSet, basename="location-photo")
router.register("location-candidates", CandidateViewSet, basename="location-candidate")
# --- end paper ---

app_name = "api"
urlpatterns = [
    path(
        "",
        ApiIndexView.as_view(
            api_root_dict={prefix: f"{basename}-list" for prefix, _, basename in router.registry}
        ),
        name="index",
    ),
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    # --- call ---
    path("my-schedule/", MyScheduleView.as_view(), name="my-schedule"),
    re_path(
        r"^callsheet-settings/(?P<code>[A-Za-z0-9][A-Za-z0-9-]{1,19})/$",
        CallSettingsViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="callsheet-settings-detail",
    ),
    # --- end call ---
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
