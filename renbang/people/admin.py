from django.contrib import admin

from .models import Employee, PerformanceRecord


class PerformanceInline(admin.TabularInline):
    model = PerformanceRecord
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ("nip", "name", "status", "rank", "position", "unit", "active")
    list_filter = ("status", "active", "position__position_type")
    search_fields = ("nip", "name")
    raw_id_fields = ("unit", "position", "supervisor")
    inlines = [PerformanceInline]
    list_select_related = ("position", "unit")
