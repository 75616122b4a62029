from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "progress", "created_by", "created_at", "finished_at", "attempts")
    list_filter = ("kind", "status")
    readonly_fields = ("kind", "status", "progress", "message", "params", "result", "created_at", "finished_at",
                       "function_path", "worker", "heartbeat_at", "attempts")
