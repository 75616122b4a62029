"""REST list of the employees' accounts (the "Akun pegawai" page as data): read-only, one row per employee in the
caller's scope (BKPSDM admin: the agency; OPD officer: their units with every unit below; anyone else: 403), with
the state of their account. Rows come from accounts.selectors.account_rows, i.e. scoping.for_user, like the page.
"""

from __future__ import annotations

from rest_framework import serializers, viewsets

from renbang.api.filters import FilterSet, IdFilter, StrictBooleanFilter
from renbang.api.permissions import ScopedModelPermission
from renbang.org.models import OrgUnit
from renbang.people.models import Employee

from . import selectors
from .models import DisabledReason


class EmployeeAccountSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    employee_active = serializers.BooleanField(source="active", read_only=True,
                                               help_text="Pegawai masih aktif di instansi")
    has_account = serializers.SerializerMethodField(help_text="Pegawai sudah punya akun pengguna")
    username = serializers.CharField(read_only=True, allow_null=True, help_text="Nama pengguna (NIP); null: belum "
                                                                                "punya akun")
    active = serializers.BooleanField(source="account_active", read_only=True,
                                      help_text="Akun ada dan aktif (dapat dipakai masuk)")
    disabled_reason = serializers.ChoiceField(
        choices=[("", "—"), *DisabledReason.choices], read_only=True, allow_null=True, allow_blank=True,
        help_text="Alasan akun dinonaktifkan; kosong selama aktif, null tanpa akun")
    activated = serializers.BooleanField(read_only=True, help_text="Akun aktif yang sudah punya kata sandi sendiri "
                                                                   "atau pernah dipakai masuk (mis. lewat SSO)")
    last_login = serializers.DateTimeField(read_only=True, allow_null=True)
    last_activation_sent = serializers.DateTimeField(read_only=True, allow_null=True,
                                                     help_text="Surel atau surat aktivasi terakhir yang diterbitkan")

    class Meta:
        model = Employee
        fields = ["id", "nip", "name", "full_name", "unit", "unit_name", "employee_active", "has_account",
                  "username", "active", "disabled_reason", "activated", "last_login", "last_activation_sent"]
        read_only_fields = fields

    def get_has_account(self, employee) -> bool:
        return employee.username is not None


class EmployeeAccountFilter(FilterSet):
    unit = IdFilter(method="in_unit", label="Unit kerja beserta unit di bawahnya")
    active = StrictBooleanFilter(field_name="account_active", label="Akun ada dan aktif")
    activated = StrictBooleanFilter(field_name="activated", label="Akun sudah diaktifkan")

    class Meta:
        model = Employee
        fields = ["unit", "active", "activated"]

    def in_unit(self, queryset, name, value):
        return queryset.filter(unit__in=OrgUnit.objects.descendants(int(value), include_self=True).values("pk"))


class EmployeeAccountViewSet(viewsets.ReadOnlyModelViewSet):
    """Akun pegawai: status akun setiap pegawai dalam cakupan (admin BKPSDM: instansi; pengelola kepegawaian OPD:
    unitnya). Hanya baca."""

    serializer_class = EmployeeAccountSerializer
    permission_classes = [ScopedModelPermission]
    read_perm = change_perm = "accounts.manage_accounts"
    queryset = Employee.objects.none()
    filterset_class = EmployeeAccountFilter

    def get_queryset(self):
        return selectors.account_rows(self.request.user)
