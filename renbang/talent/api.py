"""REST API of talent and succession (/api/v1/talent/…): key positions (BKPSDM writes), succession groups (read),
retirement dates and talent box of the employees the caller may see (scoped, permission-checked)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.accounts import scoping
from renbang.api.filters import INT64_MAX
from renbang.api.query import read_query
from renbang.api.viewsets import ScopedModelViewSet
from renbang.people.models import Employee

from . import box as talent_box
from . import services, succession
from .api_settings import TalentSettingsView
from .models import KeyPosition, SuccessionGroup, SuccessionMember
from .outlook import retirements
from .retirement import SOURCE_LABELS


class KeyPositionSerializer(serializers.ModelSerializer):
    position_name = serializers.CharField(source="position.name", read_only=True)

    class Meta:
        model = KeyPosition
        fields = ["id", "position", "position_name", "reason", "note", "active", "marked_at"]
        read_only_fields = ["reason", "marked_at"]

    def validate_position(self, value):
        if value.agency_id != self.context["request"].user.agency_id:
            raise serializers.ValidationError("Jabatan harus dari instansi yang sama.")
        return value


class MemberSerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = SuccessionMember
        fields = ["employee", "employee_name", "order", "readiness", "match", "box", "reasons"]


class GroupSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = SuccessionGroup
        fields = ["id", "key_position", "version", "note", "created_at", "members"]


class GroupInputSerializer(serializers.Serializer):
    employees = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=3)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True)


class CandidateSerializer(serializers.Serializer):
    employee = serializers.IntegerField(source="employee.pk")
    name = serializers.CharField(source="employee.name")
    eligible = serializers.BooleanField()
    score = serializers.FloatField()
    match = serializers.FloatField(allow_null=True)
    performance = serializers.FloatField(allow_null=True)
    box = serializers.IntegerField()
    readiness = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    problems = serializers.ListField(child=serializers.CharField())


class KeyPositionViewSet(ScopedModelViewSet):
    base_queryset = KeyPosition.objects.select_related("position")
    serializer_class = KeyPositionSerializer
    read_perm = "talent.view_succession"
    change_perm = "talent.change_succession"

    def perform_create(self, serializer):
        self._save(serializer, agency=self.request.user.agency, marked_by=self.request.user)

    @extend_schema(responses=CandidateSerializer(many=True))
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        return Response(CandidateSerializer(succession.candidates(self.get_object()), many=True).data)

    @extend_schema(request=GroupInputSerializer, responses=GroupSerializer)
    @action(detail=True, methods=["post"])
    def group(self, request, pk=None):
        key = self.get_object()
        data = GroupInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            group = services.succession_group_save(key=key, employee_ids=data.validated_data["employees"],
                                                   user=request.user, note=data.validated_data.get("note", ""))
        except DjangoValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)


class SuccessionGroupViewSet(ScopedModelViewSet):
    http_method_names = ["get", "head", "options"]
    base_queryset = SuccessionGroup.objects.prefetch_related("members__employee")
    serializer_class = GroupSerializer
    read_perm = "talent.view_succession"
    change_perm = "talent.change_succession"


class RetirementSerializer(serializers.Serializer):
    employee = serializers.IntegerField()
    nip = serializers.CharField()
    bup_age = serializers.IntegerField(allow_null=True)
    retirement_date = serializers.DateField(allow_null=True)
    source = serializers.CharField()
    box = serializers.IntegerField(allow_null=True)


class TalentQuery(serializers.Serializer):
    unit = serializers.IntegerField(required=False, min_value=1, max_value=INT64_MAX)


class TalentListView(APIView):
    """Retirement date (and talent box, for who may see it) of the employees the caller may see; ?unit= filters."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=RetirementSerializer(many=True),
                   parameters=[TalentQuery])
    def get(self, request):
        if not request.user.has_perm("talent.view_outlook"):
            raise PermissionDenied("Anda tidak berhak melihat data pensiun.")
        qs = scoping.for_user(Employee.objects.filter(active=True), request.user)
        unit = read_query(request, TalentQuery).get("unit")
        if unit is not None:
            qs = qs.filter(unit_id=unit)
        ret = retirements(request.user.agency_id, qs)
        boxes = {}
        if request.user.has_perm("talent.view_box"):
            b = talent_box.compute(request.user.agency_id, talent_box.visible_employees(request.user).filter(
                pk__in=qs.values("pk")))
            boxes = dict(zip(b.employee_ids.tolist(), b.box.tolist(), strict=True))
        nips = dict(qs.values_list("pk", "nip"))
        rows = [{"employee": e, "nip": nips[e], "bup_age": b or None, "retirement_date": d, "source": SOURCE_LABELS[s],
                 "box": boxes.get(e)} for e, b, d, s in zip(ret.employee_ids.tolist(), ret.bup_age.tolist(),
                                                             ret.date.astype(object).tolist(), ret.source.tolist(),
                                                             strict=True)]
        return Response(RetirementSerializer(rows, many=True).data)


def register(router) -> None:
    router.register("talent/key-positions", KeyPositionViewSet, basename="talent-keyposition")
    router.register("talent/succession-groups", SuccessionGroupViewSet, basename="talent-successiongroup")


urlpatterns: list = [path("talent/employees/", TalentListView.as_view(), name="talent-employees"),
                     path("talent/settings/", TalentSettingsView.as_view(), name="talent-settings")]
