from django.contrib import admin

from .models import EvaluationSettings, FollowUp, ProgrammeReview


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(admin.ModelAdmin):
    list_display = ["agency", "min_responses", "low_benefit_threshold", "anonymity_min", "followup_months"]


@admin.register(ProgrammeReview)
class ProgrammeReviewAdmin(admin.ModelAdmin):
    list_display = ["programme", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    raw_id_fields = ["programme", "replacement"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "supervisor", "due_on", "applied"]
    raw_id_fields = ["enrolment", "supervisor"]
