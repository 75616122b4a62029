from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from renbang.accounts.scoping import CHANGE, VIEW, for_user

from .permissions import ScopedModelPermission


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose rows always come from scoping.for_user (view for reads, change for writes).

    Database refusals become client errors with an Indonesian message, never a 500: a unique constraint hit by
    a concurrent write (400) and deleting a row other data still points to (409).
    """

    permission_classes = [ScopedModelPermission]
    base_queryset = None
    read_perm: str | None = None
    change_perm: str = ""

    def get_queryset(self):
        action = VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else CHANGE
        return for_user(self.base_queryset.all(), self.request.user, action)

    def perform_create(self, serializer):
        self._save(serializer, agency=self.request.user.agency)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer, **extra):
        try:
            with transaction.atomic():
                serializer.save(**extra)
        except IntegrityError:
            raise serializers.ValidationError(
                {"non_field_errors": ["Data bentrok dengan data lain (mis. nama atau kode sudah dipakai)."]}
            ) from None

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError:
            return Response({"detail": "Tidak dapat dihapus: masih dipakai oleh data lain."},
                            status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)
