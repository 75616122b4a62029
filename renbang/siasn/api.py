"""REST endpoints of the SIASN outbox: read the items (scoped), and "send again" one item."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from renbang.accounts.scoping import CHANGE, for_user
from renbang.api.permissions import ScopedModelPermission

from . import push
from .client import SiasnClient, SiasnError
from .models import OutboxItem


class OutboxItemSerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="employee.nip", read_only=True)
    employee_name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = OutboxItem
        fields = ["id", "employee", "nip", "employee_name", "year", "source", "title", "jp", "target", "status",
                  "siasn_id", "sent_at", "message", "certificate_sent", "attempts", "updated_at"]
        read_only_fields = fields


class OutboxViewSet(viewsets.ReadOnlyModelViewSet):
    """Kotak keluar SIASN: riwayat yang menunggu, terkirim (dengan ID SIASN) atau gagal (dengan pesan SIASN)."""

    serializer_class = OutboxItemSerializer
    permission_classes = [ScopedModelPermission]
    read_perm = "siasn.view_outbox"
    change_perm = "siasn.send"
    filterset_fields = ["year", "status", "source", "employee"]

    def get_queryset(self):
        return for_user(OutboxItem.objects.select_related("employee").order_by("pk"), self.request.user)

    @extend_schema(request=None, responses=OutboxItemSerializer)
    @action(detail=True, methods=["post"], url_path="send-again")
    def send_again(self, request, pk=None):
        """Kirim lagi satu riwayat ke SIASN (memperbarui riwayat yang sama bila sudah punya ID SIASN)."""
        if not str(pk).isdigit():  # the id is an integer (as documented): anything else names no row
            raise NotFound
        item = for_user(OutboxItem.objects.filter(pk=pk), request.user, CHANGE).first()
        if item is None:
            if for_user(OutboxItem.objects.filter(pk=pk), request.user).exists():
                raise PermissionDenied
            raise NotFound
        try:
            with SiasnClient() as client:
                item = push.send_item(item, client, force=True)
        except SiasnError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(self.get_serializer(item).data)


def register(router) -> None:
    router.register("siasn/outbox", OutboxViewSet, basename="siasn-outbox")


urlpatterns: list = []
