"""REST endpoints of evaluation: programme effectiveness (aggregates, with alternatives), review decisions, the
participant's own feedback, the supervisor's follow-ups. No endpoint returns who gave which feedback."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.accounts.scoping import for_user
from renbang.catalog.models import Method, Programme

from . import selectors, services
from .alternatives import alternatives_for
from .evidence import programme_evidence, settings_for
from .models import Feedback, FollowUp, ProgrammeReview


def _f(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


class EffectivenessSerializer(serializers.Serializer):
    programme = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    title = serializers.CharField()
    method = serializers.IntegerField()
    method_code = serializers.CharField()
    eligible = serializers.IntegerField(help_text="Peserta hadir pada sesi selesai")
    responses = serializers.IntegerField()
    benefit_mean = serializers.FloatField(allow_null=True, help_text="Kosong di bawah ambang anonimitas")
    low_share = serializers.FloatField(allow_null=True)
    low_lower = serializers.FloatField(allow_null=True)
    low_upper = serializers.FloatField(allow_null=True)
    flagged = serializers.BooleanField()
    tests = serializers.IntegerField()
    gain = serializers.FloatField(allow_null=True)
    follow_ups = serializers.IntegerField()
    applied_share = serializers.FloatField(allow_null=True)
    catalogue_effectiveness = serializers.FloatField()
    effectiveness = serializers.FloatField()
    lower = serializers.FloatField()
    upper = serializers.FloatField()
    observations = serializers.IntegerField()


def _row(e, anonymity_min: int) -> dict:
    shown = e.responses >= anonymity_min
    return {"programme": e.programme_id, "code": e.code, "title": e.title, "method": e.method_id,
            "method_code": e.method_code, "eligible": e.eligible, "responses": e.responses,
            "benefit_mean": _f(e.means.get("benefit")) if shown else None,
            "low_share": _f(e.low_share) if shown else None, "low_lower": _f(e.low_lower) if shown else None,
            "low_upper": _f(e.low_upper) if shown else None, "flagged": e.flagged, "tests": e.tests,
            "gain": _f(e.gain), "follow_ups": e.follow_ups, "applied_share": _f(e.applied_share),
            "catalogue_effectiveness": _f(e.prior), "effectiveness": _f(e.value), "lower": _f(e.lower),
            "upper": _f(e.upper), "observations": e.observations}


class AlternativeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["programme", "method"])
    programme = serializers.IntegerField(allow_null=True)
    method = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    reason = serializers.CharField()


class EffectivenessDetailSerializer(EffectivenessSerializer):
    alternatives = AlternativeSerializer(many=True)


class _ResultsView(APIView):
    permission_classes = [IsAuthenticated]

    def check_permissions(self, request):
        super().check_permissions(request)
        if not request.user.has_perm("evaluation.view_results"):
            raise PermissionDenied("Hanya BKPSDM, PPK dan pengelola kepegawaian OPD.")


class EffectivenessListView(_ResultsView):
    """Efektivitas setiap program instansi: L1–L3, tanda tinjauan, efektivitas terukur dengan selang."""

    @extend_schema(responses=EffectivenessSerializer(many=True))
    def get(self, request):
        s = settings_for(request.user.agency_id)
        rows = programme_evidence(request.user.agency_id, settings=s)
        return Response([_row(e, s.anonymity_min) for e in sorted(rows.values(), key=lambda e: e.code)])


class EffectivenessDetailView(_ResultsView):
    """Efektivitas satu program, dengan alternatif bila program ditandai."""

    @extend_schema(responses=EffectivenessDetailSerializer)
    def get(self, request, pk: int):
        programme = for_user(Programme.objects.all(), request.user).filter(pk=pk).first()
        if programme is None:
            raise Http404
        s = settings_for(programme.agency_id)
        evidence, methods = programme_evidence(programme.agency_id, settings=s, with_methods=True)
        e = evidence[programme.pk]
        alternatives = alternatives_for(programme, evidence=evidence, methods=methods) if e.flagged else []
        data = _row(e, s.anonymity_min)
        data["alternatives"] = [{"kind": a.kind, "programme": a.programme.pk if a.programme else None,
                                 "method": a.method_id, "title": a.programme.title if a.programme else a.method_name,
                                 "score": _f(a.score), "reason": a.reason} for a in alternatives]
        return Response(data)


class ProgrammeReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeReview
        fields = ["id", "programme", "decision", "note", "replacement", "replacement_method", "flagged", "responses",
                  "low_share", "effectiveness", "decided_by", "decided_at"]
        read_only_fields = ["flagged", "responses", "low_share", "effectiveness", "decided_by", "decided_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renbang.catalog.selectors import methods_for_agency

        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        self.fields["programme"].queryset = Programme.objects.filter(agency_id=agency_id)
        self.fields["replacement"].queryset = Programme.objects.filter(agency_id=agency_id)
        self.fields["replacement_method"].queryset = methods_for_agency(agency_id) if agency_id else (
            Method.objects.none())

    def create(self, validated_data):
        try:
            return services.review_record(user=self.context["request"].user, **validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None


class ReviewViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Keputusan tinjauan program (pertahankan, perbaiki, ganti, hentikan). Tidak dapat diubah atau dihapus:
    keputusan baru dicatat sebagai baris baru (jejak audit)."""

    serializer_class = ProgrammeReviewSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["programme", "decision"]
    queryset = ProgrammeReview.objects.none()  # the schema's model; rows come from get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProgrammeReview.objects.none()
        user = self.request.user
        if not user.has_perm("evaluation.view_results"):
            raise PermissionDenied("Hanya BKPSDM, PPK dan pengelola kepegawaian OPD.")
        return for_user(ProgrammeReview.objects.all(), user).order_by("-decided_at", "-pk")

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("evaluation.manage"):
            raise PermissionDenied("Hanya BKPSDM yang mencatat keputusan.")
        return super().create(request, *args, **kwargs)


class EvaluationFeedbackSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(write_only=True, help_text="ID sesi yang Anda hadiri")
    session_id = serializers.IntegerField(source="enrolment.session_id", read_only=True)

    class Meta:
        model = Feedback
        fields = ["id", "session", "session_id", *Feedback.SCORE_FIELDS, "comment", "submitted_at"]
        read_only_fields = ["submitted_at"]

    def create(self, validated_data):
        user = self.context["request"].user
        enrolment = services.enrolment_for_feedback(user, validated_data.pop("session"))
        if enrolment is None:
            raise serializers.ValidationError({"session": ["Anda bukan peserta sesi ini."]})
        try:
            return services.feedback_submit(enrolment=enrolment, user=user, data=validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None


class FeedbackViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    """Umpan balik Anda sendiri (L1). Hanya peserta yang hadir, sekali per sesi; tidak ada yang melihat umpan balik
    orang lain per orang (hasil hanya agregat)."""

    serializer_class = EvaluationFeedbackSerializer
    permission_classes = [IsAuthenticated]
    queryset = Feedback.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Feedback.objects.none()
        user = self.request.user
        if not user.employee_id:
            return Feedback.objects.none()
        return for_user(Feedback.objects.all(), user).filter(enrolment__employee_id=user.employee_id).select_related(
            "enrolment").order_by("-submitted_at", "-pk")


class FollowUpSerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="enrolment.employee.name", read_only=True)
    programme = serializers.IntegerField(source="enrolment.session.programme_id", read_only=True)

    class Meta:
        model = FollowUp
        fields = ["id", "enrolment", "employee_name", "programme", "supervisor", "due_on", "applied", "example",
                  "answered_at"]
        read_only_fields = ["enrolment", "supervisor", "due_on", "answered_at"]

    def update(self, instance, validated_data):
        applied = validated_data.get("applied", instance.applied)
        if applied not in FollowUp.Applied.values:
            raise serializers.ValidationError({"applied": ["Pilih ya, sebagian atau belum."]})
        try:
            return services.follow_up_answer(follow_up=instance, user=self.context["request"].user, applied=applied,
                                             example=validated_data.get("example", instance.example))
        except PermissionError:
            raise PermissionDenied("Hanya atasan yang dituju.") from None
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None


class FollowUpViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Tindak lanjut pascapelatihan (L3) yang ditujukan kepada Anda sebagai atasan (BKPSDM: semua)."""

    serializer_class = FollowUpSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "put", "head", "options"]
    queryset = FollowUp.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUp.objects.none()
        user = self.request.user
        if not user.has_perm("evaluation.follow_up"):
            raise PermissionDenied("Hanya atasan langsung dan BKPSDM.")
        return selectors.follow_ups_for(user)


def register(router) -> None:
    """Called by renbang/api/urls.py with the /api/v1/ router."""
    router.register("evaluation/reviews", ReviewViewSet, basename="evaluation-review")
    router.register("evaluation/feedback", FeedbackViewSet, basename="evaluation-feedback")
    router.register("evaluation/follow-ups", FollowUpViewSet, basename="evaluation-follow-up")


urlpatterns: list = [
    path("evaluation/effectiveness/", EffectivenessListView.as_view(), name="evaluation-effectiveness"),
    path("evaluation/effectiveness/<int:pk>/", EffectivenessDetailView.as_view(),
         name="evaluation-effectiveness-detail"),
]
