from rest_framework import viewsets

from renbang.accounts.scoping import CHANGE, VIEW, for_user

from .permissions import ScopedModelPermission


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose rows always come from scoping.for_user (view for reads, change for writes)."""

    permission_classes = [ScopedModelPermission]
    base_queryset = None
    read_perm: str | None = None
    change_perm: str = ""

    def get_queryset(self):
        action = VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else CHANGE
        return for_user(self.base_queryset.all(), self.request.user, action)

    def perform_create(self, serializer):
        serializer.save(agency=self.request.user.agency)
