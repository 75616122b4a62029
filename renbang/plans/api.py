"""REST endpoints of the plans app: scenarios (read, run), plans (read, approval transitions), items,
assignments and IDPs (read, scoped). Writes of plan content go through the pages' services (re-checks)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from renbang.accounts.scoping import for_user
from renbang.api.permissions import ScopedModelPermission
from renbang.api.schema import ErrorDetailSerializer

from . import services
from .models import DevelopmentPlan, IndividualPlan, PlanAssignment, PlanItem, PlanningScenario


class ScenarioSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanningScenario
        fields = ["id", "year", "name", "description", "budget_total", "jp_floor_pns", "jp_cap_pppk",
                  "jp_cap_general", "max_sessions_per_month", "include_next_position", "candidates_per_employee",
                  "use_carried_needs", "carried_boost", "retirement_rule", "retirement_weight", "successor_weight",
                  "proposed_sessions", "time_limit", "status", "objective",
                  "bound", "solver_status", "summary", "ran_at"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = DevelopmentPlan
        fields = ["id", "year", "version", "previous", "scenario", "title", "status", "lock_version", "budget_total",
                  "return_note", "submitted_at", "approved_at", "created_at", "updated_at"]


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanItem
        fields = ["id", "plan", "programme", "session", "competencies", "method", "route", "form", "provider",
                  "provider_name", "month", "date", "capacity", "jp", "cost_per_participant", "curriculum_reference",
                  "participants", "budget", "locked"]


class AssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAssignment
        fields = ["id", "plan", "item", "employee", "programme", "unit", "competency", "reason_kind",
                  "current_level", "required_level", "gap", "jp", "cost", "month", "locked", "source"]


class IdpSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndividualPlan
        fields = ["id", "plan", "employee", "status", "total_jp", "total_cost", "employee_note", "acknowledged_at",
                  "supervisor_note", "approved_at", "updated_at"]


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["submit", "approve", "return"])
    lock_version = serializers.IntegerField(min_value=0, max_value=2_147_483_647)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class JobQueuedSerializer(serializers.Serializer):
    job = serializers.IntegerField(help_text="Pekerjaan latar yang menjalankan optimasi")
    status = serializers.ChoiceField(choices=["queued"])


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ScopedModelPermission]
    base_queryset = None
    read_perm = "plans.view_plans"
    change_perm = "plans.edit_plan"

    def get_queryset(self):
        return for_user(self.base_queryset.all(), self.request.user)


class ScenarioViewSet(_ReadOnly):
    """Skenario perencanaan dan ringkasan hasil optimasinya."""

    serializer_class = ScenarioSerializer
    base_queryset = PlanningScenario.objects.order_by("-year", "name", "pk")
    queryset = PlanningScenario.objects.none()
    filterset_fields = ["year", "status"]
    change_perm = "plans.manage_scenarios"

    @extend_schema(request=None, responses={202: JobQueuedSerializer, 409: ErrorDetailSerializer})
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        """Jalankan optimasi sebagai pekerjaan latar (pantau lewat status skenario)."""
        scenario = self.get_object()
        try:
            job = services.scenario_run(scenario=scenario, user=request.user)
        except services.PlanEditError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response({"job": job.pk, "status": "queued"}, status=status.HTTP_202_ACCEPTED)


class PlanViewSet(_ReadOnly):
    """RPK per versi; `transition` mengajukan, menetapkan atau mengembalikan (dengan nomor perubahan)."""

    serializer_class = PlanSerializer
    base_queryset = DevelopmentPlan.objects.order_by("-year", "-version")
    queryset = DevelopmentPlan.objects.none()
    filterset_fields = ["year", "status", "version"]
    change_perm = "plans.view_plans"

    @extend_schema(request=TransitionSerializer, responses={200: PlanSerializer, 409: ErrorDetailSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        plan = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        act = data.validated_data["action"]
        perm = "plans.submit_plan" if act == "submit" else "plans.approve_plan"
        if not request.user.has_perm(perm):
            return Response({"detail": "Anda tidak berwenang untuk tindakan ini."}, status=status.HTTP_403_FORBIDDEN)
        version, note = data.validated_data["lock_version"], data.validated_data.get("note", "")
        try:
            if act == "submit":
                services.plan_submit(plan=plan, user=request.user, expected_version=version)
            elif act == "approve":
                services.plan_approve(plan=plan, user=request.user, expected_version=version, note=note)
            else:
                services.plan_return(plan=plan, user=request.user, note=note, expected_version=version)
        except services.ConcurrentEdit as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except services.PlanEditError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        plan.refresh_from_db()
        return Response(PlanSerializer(plan).data)


class ItemViewSet(_ReadOnly):
    """Item RPK (tujuh unsur PP 11/2017 Pasal 207 ayat 3)."""

    serializer_class = ItemSerializer
    base_queryset = PlanItem.objects.prefetch_related("competencies").order_by("plan", "month", "pk")
    queryset = PlanItem.objects.none()
    filterset_fields = ["plan", "month", "programme", "locked"]


class AssignmentViewSet(_ReadOnly):
    """Penugasan pegawai ke item beserta alasannya (tersaring menurut cakupan pengguna)."""

    serializer_class = AssignmentSerializer
    base_queryset = PlanAssignment.objects.order_by("plan", "item", "pk")
    queryset = PlanAssignment.objects.none()
    filterset_fields = ["plan", "item", "employee", "month", "locked", "source"]


class IdpViewSet(_ReadOnly):
    """IDP: milik sendiri, bawahan, atau unit yang dikelola."""

    serializer_class = IdpSerializer
    base_queryset = IndividualPlan.objects.order_by("plan", "pk")
    queryset = IndividualPlan.objects.none()
    read_perm = "plans.view_idp"
    filterset_fields = ["plan", "employee", "status"]


def register(router) -> None:
    """Called by renbang/api/urls.py with the /api/v1/ router."""
    router.register("plans/scenarios", ScenarioViewSet, basename="plans-scenario")
    router.register("plans/plans", PlanViewSet, basename="plans-plan")
    router.register("plans/items", ItemViewSet, basename="plans-item")
    router.register("plans/assignments", AssignmentViewSet, basename="plans-assignment")
    router.register("plans/idps", IdpViewSet, basename="plans-idp")


urlpatterns: list = []
