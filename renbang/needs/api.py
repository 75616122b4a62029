"""REST API of the needs analysis: campaigns, assessments (own and scoped), needs, priority weights."""

from __future__ import annotations

from django.db.models import Q
from rest_framework import serializers

from renbang.api.filters import FilterSet, IntFilter
from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet

from .models import Assessment, AssessmentScore, Campaign, Need, PriorityWeights, Source


class CampaignSerializer(ModelCleanSerializer):
    class Meta:
        model = Campaign
        fields = ["id", "name", "year", "period_start", "period_end", "target_units", "self_on", "supervisor_on",
                  "peer_on", "ac_on", "weight_self", "weight_supervisor", "weight_peer", "peers_per_employee",
                  "validity_months",
                  "status", "closed_at", "computed_at"]
        read_only_fields = ["status", "closed_at", "computed_at"]

    def clean_exclude(self) -> list[str]:
        return ["target_units"]  # the agency is set from the caller, so (agency, name) uniqueness is checked

    def validate_target_units(self, units):
        agency_id = self.context["request"].user.agency_id
        if any(u.agency_id != agency_id for u in units):
            raise serializers.ValidationError("Unit sasaran tidak ditemukan di instansi Anda.")
        return units

    def validate(self, attrs):
        if self.instance and self.instance.status == Campaign.Status.CLOSED:
            raise serializers.ValidationError("Kampanye yang sudah ditutup tidak dapat diubah.")
        units = attrs.pop("target_units", None)  # many-to-many: not assignable before save
        attrs = super().validate(attrs)
        if units is not None:
            attrs["target_units"] = units
        return attrs


class CampaignViewSet(ScopedModelViewSet):
    """Kampanye penilaian: staff who follow progress read; BKPSDM admins write (open/close on the web page)."""

    serializer_class = CampaignSerializer
    base_queryset = Campaign.objects.prefetch_related("target_units").order_by("-year", "-period_start")
    filterset_fields = ["year", "status"]
    read_perm = "needs.view_campaigns"
    change_perm = "needs.manage_campaigns"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.save(agency=self.request.user.agency, created_by=self.request.user)


class AssessmentScoreSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)

    class Meta:
        model = AssessmentScore
        fields = ["competency", "competency_code", "level"]


class AssessmentSerializer(serializers.ModelSerializer):
    scores = AssessmentScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "campaign", "employee", "assessor", "assessor_name", "source", "status", "assessed_on",
                  "submitted_at", "scores"]


class AssessmentViewSet(ScopedModelViewSet):
    """Penilaian (read-only): the caller's own and those in their scope.

    No anchoring: while a campaign is open, a supervisor does not see a subordinate's self-assessment until
    they have submitted their own assessment of that subordinate (same rule as the grid page).
    """

    serializer_class = AssessmentSerializer
    base_queryset = (Assessment.objects.select_related("campaign").prefetch_related("scores__competency")
                     .order_by("-id"))
    filterset_fields = ["campaign", "employee", "source", "status"]
    change_perm = "needs.manage_campaigns"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        employee_id = getattr(self.request.user, "employee_id", None)
        if employee_id:
            rated = Assessment.objects.filter(assessor_id=employee_id, source=Source.SUPERVISOR,
                                              status=Assessment.Status.SUBMITTED).values("employee_id")
            qs = qs.exclude(Q(source=Source.SELF) & ~Q(employee_id=employee_id)
                            & Q(campaign__status=Campaign.Status.OPEN) & ~Q(employee_id__in=rated))
            qs = qs.exclude(source=Source.PEER, employee_id=employee_id)  # who rated me stays with the supervisor
        return qs


class NeedSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)

    class Meta:
        model = Need
        fields = ["id", "campaign", "employee", "unit", "competency", "competency_code", "required", "current",
                  "gap", "next_required", "next_gap", "priority"]


class NeedFilter(FilterSet):
    min_gap = IntFilter(field_name="gap", lookup_expr="gte", label="Kesenjangan minimal")

    class Meta:
        model = Need
        fields = ["campaign", "unit", "competency", "employee"]


class NeedViewSet(ScopedModelViewSet):
    """Kebutuhan hasil perhitungan (read-only), in the caller's scope; filter by unit, competency, campaign."""

    serializer_class = NeedSerializer
    base_queryset = Need.objects.select_related("competency").order_by("-priority", "id")
    filterset_class = NeedFilter
    read_perm = "needs.view_profile"
    change_perm = "needs.manage_campaigns"
    http_method_names = ["get", "head", "options"]


class PriorityWeightsSerializer(ModelCleanSerializer):
    class Meta:
        model = PriorityWeights
        fields = ["id", "gap", "importance", "performance", "next_position", "performance_gap_map", "updated_at"]
        read_only_fields = ["updated_at"]


class PriorityWeightsViewSet(ScopedModelViewSet):
    """Bobot prioritas of the agency: everyone reads; BKPSDM admins change."""

    serializer_class = PriorityWeightsSerializer
    base_queryset = PriorityWeights.objects.order_by("id")
    change_perm = "needs.change_weights"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
