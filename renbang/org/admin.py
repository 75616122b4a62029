from django.contrib import admin

from .models import Agency, JobFamily, OrgUnit, Position


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "region")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "agency")
    search_fields = ("name", "code")
    raw_id_fields = ("parent", "replaced_by")


@admin.register(JobFamily)
class JobFamilyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "agency")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("name", "position_type", "level", "job_family", "active")
    list_filter = ("position_type", "level", "job_family")
    search_fields = ("name",)
