from django.contrib import admin

from .models import KeyPosition, SuccessionGroup, SuccessionMember, TalentSettings


@admin.register(TalentSettings)
class TalentSettingsAdmin(admin.ModelAdmin):
    list_display = ["agency", "pension_rule", "performance_years", "key_horizon_years", "updated_at"]


@admin.register(KeyPosition)
class KeyPositionAdmin(admin.ModelAdmin):
    list_display = ["position", "agency", "reason", "active", "marked_at"]
    list_filter = ["reason", "active"]


class MemberInline(admin.TabularInline):
    model = SuccessionMember
    extra = 0


@admin.register(SuccessionGroup)
class SuccessionGroupAdmin(admin.ModelAdmin):
    list_display = ["key_position", "version", "created_at", "created_by"]
    inlines = [MemberInline]
