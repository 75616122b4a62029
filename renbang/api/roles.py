"""REST endpoints of the extra roles (RoleGrant): the BKPSDM admin reads, gives and takes them. Writes go through
accounts.services (same checks and audit as the "Peran dan akses" page); a grant is not edited, only replaced."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.response import Response

from renbang.accounts import services
from renbang.accounts.models import RoleGrant, User
from renbang.org.models import OrgUnit

from .viewsets import ScopedModelViewSet


class RoleGrantSerializer(serializers.ModelSerializer):
    granted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = RoleGrant
        fields = ["id", "user", "role", "unit", "granted_by", "granted_at"]
        read_only_fields = ["granted_by", "granted_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        users, units = User.objects.all(), OrgUnit.objects.all()
        if agency_id is not None or not getattr(getattr(request, "user", None), "is_superuser", False):
            users, units = users.filter(agency_id=agency_id), units.filter(agency_id=agency_id)
        self.fields["user"].queryset = users
        self.fields["unit"].queryset = units


def _refusal(error: DjangoValidationError) -> serializers.ValidationError:
    detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    return serializers.ValidationError(detail)


class RoleGrantViewSet(ScopedModelViewSet):
    """Extra roles of users (next to each user's primary role). BKPSDM admin only."""

    base_queryset = RoleGrant.objects.select_related("granted_by").order_by("user_id", "role", "unit_id")
    serializer_class = RoleGrantSerializer
    read_perm = "accounts.manage_roles"
    change_perm = "accounts.manage_roles"
    http_method_names = ["get", "post", "delete", "head", "options"]
    filterset_fields = ["user", "role", "unit"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            grant = services.role_grant(user=data["user"], role=data["role"], unit=data.get("unit"), by=request.user)
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(self.get_serializer(grant).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        grant = self.get_object()
        try:
            services.role_revoke(user=grant.user, role=grant.role, unit=grant.unit_id, by=request.user)
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
