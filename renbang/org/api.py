from rest_framework import serializers

from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet

from .models import OrgUnit, Position


class OrgUnitSerializer(ModelCleanSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "parent", "valid_from", "valid_to", "replaced_by"]

    def validate_parent(self, parent):
        if parent is not None and parent.agency_id != self.context["request"].user.agency_id:
            raise serializers.ValidationError("Unit induk tidak ditemukan di instansi Anda.")
        return parent


class PositionSerializer(ModelCleanSerializer):
    class Meta:
        model = Position
        fields = ["id", "name", "position_type", "level", "job_family", "active"]


class OrgUnitViewSet(ScopedModelViewSet):
    """Unit kerja: everyone in the agency reads; BKPSDM admins write."""

    serializer_class = OrgUnitSerializer
    base_queryset = OrgUnit.objects.order_by("name")
    filterset_fields = ["kind", "parent"]
    change_perm = "org.change_orgunit"


class PositionViewSet(ScopedModelViewSet):
    """Jabatan: everyone in the agency reads; BKPSDM admins write."""

    serializer_class = PositionSerializer
    base_queryset = Position.objects.order_by("name")
    filterset_fields = ["position_type", "level", "job_family", "active"]
    change_perm = "org.change_position"
