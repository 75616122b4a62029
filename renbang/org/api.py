from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet
from renbang.core import golive

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


class GoLiveCheckSerializer(serializers.Serializer):
    title = serializers.CharField()
    done = serializers.BooleanField()
    status = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)
    url = serializers.CharField(allow_blank=True)
    hint = serializers.CharField(allow_blank=True)
    optional = serializers.BooleanField()


class _GoLivePermission(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.has_perm("org.view_golive")


class GoLiveView(APIView):
    """Persiapan go-live: what the agency still lacks (the same items as the page), for monitoring scripts."""

    permission_classes = [_GoLivePermission]

    @extend_schema(responses=GoLiveCheckSerializer(many=True))
    def get(self, request):
        checks = [{**vars(check), "title": str(check.title)} for check in golive.checks_for(request.user.agency_id)]
        return Response(GoLiveCheckSerializer(checks, many=True).data)
