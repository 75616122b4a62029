from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    raw_id_fields = ("unit", "granted_by")
    readonly_fields = ("granted_at",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "agency", "unit", "employee", "is_active")
    list_filter = ("role", "agency", "is_active")
    raw_id_fields = ("unit", "employee")
    inlines = [RoleGrantInline]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Renbang"), {"fields": (
        "agency", "role", "unit", "employee", "otp_exempt", "deactivated_at")}))
