"""Optimizer runs over the API, read only: status, progress and the result of each run.

Reads go through `OptimizationRun.objects.for_user` (the board's readers), as the run page does.
Runs are started, stopped and decided on the web page or with `prodoffice optimize`. The result
is the run page's and `optimize --json`'s; its bound follows `scheduling.bounds` (valid for the
problem as posed, `gap` null and `bound` in words when no useful bound is known), results stored
by older versions included.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from prodoffice.api.base import ListRetrieveMixin, ScopedViewSet
from prodoffice.scheduling.bounds import bound_figures, bound_words
from prodoffice.scheduling.models import OptimizationRun


class OptimizationRunSerializer(serializers.ModelSerializer):
    """A run: its board, status, progress, the proposal board and the before/after result."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.CharField(source="board.production.code", read_only=True)
    board = serializers.UUIDField(source="board.public_id", read_only=True)
    proposal = serializers.UUIDField(
        source="result_board.public_id",
        read_only=True,
        allow_null=True,
        help_text="The proposal board; null until a run has one.",
    )
    result = serializers.SerializerMethodField()
    bound = serializers.SerializerMethodField(
        help_text="The lower bound in words, as the run page says it."
    )

    class Meta:
        model = OptimizationRun
        fields = (
            "id",
            "production",
            "board",
            "status",
            "progress",
            "message",
            "time_limit",
            "started_at",
            "finished_at",
            "proposal",
            "bound",
            "result",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.DictField())
    def get_result(self, run) -> dict:
        result = dict(run.result or {})
        if result.get("cost") is not None and result.get("lower_bound") is not None:
            proven = bool(result.get("proven_optimal"))
            result |= bound_figures(result["cost"], result["lower_bound"], proven)
        return result

    def get_bound(self, run) -> str:
        return bound_words(run.result or {})


class OptimizationRunViewSet(ListRetrieveMixin, ScopedViewSet):
    """Optimizer runs of the boards the user reads, newest first."""

    model = OptimizationRun
    output_serializer_class = OptimizationRunSerializer
    ordering = ("-created_at",)
    ordering_aliases = {"created": ("created_at",), "status": ("status", "created_at")}

    def optimise(self, queryset):
        related = ("board__production", "result_board")
        return queryset.select_related(*related).order_by("-created_at", "-id")
