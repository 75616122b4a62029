"""API permissions: reads through scoping.for_user (in each viewset's get_queryset); writes by rule."""

from rest_framework import permissions


class ScopedModelPermission(permissions.BasePermission):
    """Safe methods for any authenticated user of an agency (rows are scoped); writes need `change_perm`."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            read_perm = getattr(view, "read_perm", None)
            return user.has_perm(read_perm) if read_perm else user.agency_id is not None
        return user.has_perm(view.change_perm)
