from django_filters import rest_framework as filters
from rest_framework import serializers

from renbang.api.filters import FilterSet
from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet

from .models import Employee


class EmployeeSerializer(ModelCleanSerializer):
    full_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True)

    class Meta:
        model = Employee
        fields = ["id", "nip", "front_title", "name", "back_title", "full_name", "sex", "birth_date", "status",
                  "rank", "unit", "unit_name", "position", "position_name", "position_since", "supervisor",
                  "education", "education_major", "email", "active", "updated_at"]
        read_only_fields = ["updated_at"]

    def validate_unit(self, unit):
        return _same_agency(self, unit)

    def validate_position(self, position):
        return _same_agency(self, position)

    def validate_supervisor(self, supervisor):
        return _same_agency(self, supervisor) if supervisor else supervisor


def _same_agency(serializer, obj):
    if obj is not None and obj.agency_id != serializer.context["request"].user.agency_id:
        raise serializers.ValidationError("Tidak ditemukan di instansi Anda.")
    return obj


class EmployeeFilter(FilterSet):
    q = filters.CharFilter(method="search", label="Cari nama atau awal NIP")

    class Meta:
        model = Employee
        fields = ["unit", "position", "status", "rank", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(nip__startswith=value)


class EmployeeViewSet(ScopedModelViewSet):
    """Pegawai: read within the caller's scope; create/update/delete by BKPSDM admins."""

    serializer_class = EmployeeSerializer
    base_queryset = Employee.objects.select_related("unit", "position").order_by("name", "nip")
    filterset_class = EmployeeFilter
    change_perm = "people.change_employee"
