"""REST API of mentoring: programmes, participants, pairs (with reasons; lock/remove/add; run matching), logs,
feedback. Rows come through scoping.for_user: mentors see their pairs (grant), mentees their own."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from renbang.accounts.scoping import CHANGE, for_user
from renbang.api.permissions import ScopedModelPermission
from renbang.api.viewsets import ScopedModelViewSet
from renbang.catalog.selectors import methods_for_agency

from . import services
from .models import Feedback, Log, MentoringProgramme, Pair, Participant


def _validation(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(serializers.as_serializer_error(exc))


class MentoringProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentoringProgramme
        fields = ["id", "title", "description", "method", "competencies", "start_date", "end_date",
                  "capacity_per_mentor", "gap_weight", "same_unit_bonus", "same_family_bonus", "succession_bonus",
                  "status", "matched_at"]
        read_only_fields = ["matched_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        from renbang.catalog.forms import competencies_for

        self.fields["method"].queryset = methods_for_agency(agency_id)
        self.fields["competencies"].child_relation.queryset = competencies_for(agency_id)

    def _save(self, validated, instance=None):
        competencies = validated.pop("competencies", None)
        try:
            return services.programme_save(agency=self.context["request"].user.agency, data=validated,
                                           competencies=competencies, programme=instance)
        except DjangoValidationError as exc:
            raise _validation(exc) from None

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class MentoringProgrammeViewSet(ScopedModelViewSet):
    serializer_class = MentoringProgrammeSerializer
    base_queryset = MentoringProgramme.objects.prefetch_related("competencies").order_by("-start_date", "pk")
    filterset_fields = ["status"]
    change_perm = "mentoring.manage"

    def perform_create(self, serializer):
        serializer.save()

    @extend_schema(request=None, responses=inline_serializer("MatchResult", {"created": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def match(self, request, pk=None):
        """Run (or re-run) the optimal matching around locked pairs."""
        programme = self.get_object()
        created = services.programme_match(programme=programme)
        return Response({"created": len(created)})


class ParticipantSerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="employee.nip", read_only=True)
    name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "programme", "employee", "nip", "name", "role", "capacity"]

    def validate(self, attrs):
        agency_id = self.context["request"].user.agency_id
        for key in ("programme", "employee"):
            obj = attrs.get(key)
            if obj is not None and obj.agency_id != agency_id:
                raise serializers.ValidationError({key: "Tidak ditemukan di instansi Anda."})
        instance = Participant(**{**({} if self.instance is None else {
            "programme": self.instance.programme, "employee": self.instance.employee, "role": self.instance.role,
            "capacity": self.instance.capacity}), **attrs})
        if self.instance is not None:
            instance.pk = self.instance.pk
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        return attrs


class ParticipantViewSet(ScopedModelViewSet):
    serializer_class = ParticipantSerializer
    base_queryset = Participant.objects.select_related("employee").order_by("programme", "role", "employee__name")
    filterset_fields = ["programme", "role"]
    change_perm = "mentoring.manage"

    def perform_create(self, serializer):
        serializer.save()

    def perform_destroy(self, instance):
        services.participant_remove(participant=instance)


class PairSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.name", read_only=True)
    mentee_name = serializers.CharField(source="mentee.name", read_only=True)

    class Meta:
        model = Pair
        fields = ["id", "programme", "mentor", "mentor_name", "mentee", "mentee_name", "status", "source", "score",
                  "gap_covered", "reason", "created_at"]
        read_only_fields = ["status", "source", "score", "gap_covered", "reason", "created_at"]

    def validate(self, attrs):
        agency_id = self.context["request"].user.agency_id
        for key in ("programme", "mentor", "mentee"):
            obj = attrs.get(key)
            agency = obj.agency_id if obj is not None else agency_id
            if agency != agency_id:
                raise serializers.ValidationError({key: "Tidak ditemukan di instansi Anda."})
        return attrs

    def create(self, validated_data):
        try:
            return services.pair_add(programme=validated_data["programme"], mentor=validated_data["mentor"],
                                     mentee=validated_data["mentee"])
        except DjangoValidationError as exc:
            raise _validation(exc) from None


class PairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    """Pasangan mentor–mentee with the reason; BKPSDM adds (locked), locks, unlocks and removes pairs."""

    serializer_class = PairSerializer
    permission_classes = [ScopedModelPermission]
    change_perm = "mentoring.manage"
    filterset_fields = ["programme", "status", "mentor", "mentee"]

    def get_queryset(self):
        action_ = CHANGE if self.request.method not in ("GET", "HEAD", "OPTIONS") else "view"
        return for_user(Pair.objects.select_related("mentor", "mentee").order_by("programme", "pk"),
                        self.request.user, action_)

    def _act(self, fn):
        pair = self.get_object()
        try:
            fn(pair=pair)
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        return Response(self.get_serializer(pair).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        return self._act(services.pair_lock)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        return self._act(services.pair_unlock)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        return self._act(services.pair_remove)


class LogSerializer(serializers.ModelSerializer):
    class Meta:
        model = Log
        fields = ["id", "pair", "date", "topic", "duration_minutes", "jp", "notes", "created_at"]
        read_only_fields = ["jp", "created_at"]


class _LogPermission(ScopedModelPermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return user.agency_id is not None
        return user.has_perm("mentoring.write_log")


class LogViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                 mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Catatan mentoring; JP computed from the duration by the programme method's conversion."""

    serializer_class = LogSerializer
    permission_classes = [_LogPermission]
    filterset_fields = ["pair"]

    def get_queryset(self):
        return for_user(Log.objects.order_by("-date", "-pk"), self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pair = for_user(Pair.objects.all(), request.user).filter(pk=serializer.validated_data["pair"].pk).first()
        if pair is None:
            raise serializers.ValidationError({"pair": "Pasangan tidak ditemukan."})
        try:
            log = services.log_create(pair=pair, user=request.user, data=serializer.validated_data)
        except PermissionError:
            raise PermissionDenied("Hanya mentor, mentee, atau admin BKPSDM yang dapat mencatat.") from None
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        return Response(self.get_serializer(log).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        try:
            services.log_delete(log=instance, user=self.request.user)
        except PermissionError:
            raise PermissionDenied("Hanya pencatat atau admin BKPSDM yang dapat menghapus.") from None


class FeedbackSerializer(serializers.ModelSerializer):
    side = serializers.CharField(read_only=True, help_text="mentor atau mentee")

    class Meta:
        model = Feedback
        fields = ["id", "pair", "side", "rating", "comment", "updated_at"]
        read_only_fields = ["side", "updated_at"]


class FeedbackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Umpan balik singkat (1–5) dari mentor dan mentee; mengirim lagi memperbarui."""

    serializer_class = FeedbackSerializer
    permission_classes = [_LogPermission]
    filterset_fields = ["pair", "side"]

    def get_queryset(self):
        return for_user(Feedback.objects.order_by("pk"), self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pair = for_user(Pair.objects.all(), request.user).filter(pk=serializer.validated_data["pair"].pk).first()
        if pair is None:
            raise serializers.ValidationError({"pair": "Pasangan tidak ditemukan."})
        try:
            feedback = services.feedback_submit(pair=pair, user=request.user,
                                                rating=serializer.validated_data["rating"],
                                                comment=serializer.validated_data.get("comment", ""))
        except PermissionError:
            raise PermissionDenied("Hanya mentor atau mentee pasangan ini yang dapat memberi umpan balik.") from None
        return Response(self.get_serializer(feedback).data, status=status.HTTP_201_CREATED)


