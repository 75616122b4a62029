from django.contrib import admin

from .models import Competency, Indicator, Level, PositionStandard, StandardDefault


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    fields = ("level", "title", "description")


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "competency_type", "job_family", "agency", "active")
    list_filter = ("competency_type", "active", "agency")
    search_fields = ("code", "name")
    inlines = [LevelInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("level", "order", "text")
    search_fields = ("text",)
    raw_id_fields = ("level",)


@admin.register(PositionStandard)
class PositionStandardAdmin(admin.ModelAdmin):
    list_display = ("position", "competency", "required_level", "origin")
    list_filter = ("origin", "competency__competency_type")
    search_fields = ("position__name", "competency__code")
    raw_id_fields = ("position", "competency")


@admin.register(StandardDefault)
class StandardDefaultAdmin(admin.ModelAdmin):
    list_display = ("agency", "position_type", "level", "competency_type", "required_level")
    list_filter = ("agency", "position_type", "competency_type")
