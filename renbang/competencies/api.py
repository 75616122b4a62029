"""REST API of the dictionary and the standards: every agency user reads, BKPSDM admins write.

Competencies: national rows (PermenPANRB 38/2017, agency NULL) plus the caller's agency's; the API writes only the
agency's own technical competencies (retire one with active=false; deleting is not offered because standards
refer to it). Position standards written through the API are "manual".
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import mixins, serializers, viewsets

from renbang.accounts.scoping import for_user
from renbang.api.permissions import ScopedModelPermission
from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet

from . import selectors, services
from .models import Competency, CompetencyType, Indicator, Level, PositionStandard, StandardDefault


def _same_agency(serializer, obj):
    if obj is not None and obj.agency_id != serializer.context["request"].user.agency_id:
        raise serializers.ValidationError("Tidak ditemukan di instansi Anda.")
    return obj


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["order", "text"]


class LevelSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Level
        fields = ["level", "title", "description", "indicators"]


class CompetencySerializer(ModelCleanSerializer):
    national = serializers.BooleanField(source="is_national", read_only=True,
                                        help_text="Kamus nasional PermenPANRB 38/2017.")

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "competency_type", "definition", "job_family", "source", "active", "national"]
        read_only_fields = ["competency_type", "source"]

    def clean_exclude(self) -> list[str]:
        return ["agency"]

    def validate_job_family(self, family):
        if family is None:
            raise serializers.ValidationError("Kompetensi teknis wajib memiliki rumpun jabatan.")
        return _same_agency(self, family)

    def validate(self, attrs):
        if self.instance is None:
            attrs["competency_type"] = CompetencyType.TECHNICAL
            attrs["source"] = "Instansi"
        family = attrs["job_family"] if "job_family" in attrs else getattr(self.instance, "job_family", None)
        if family is None:
            raise serializers.ValidationError({"job_family": "Kompetensi teknis wajib memiliki rumpun jabatan."})
        return super().validate(attrs)


class CompetencyDetailSerializer(CompetencySerializer):
    levels = LevelSerializer(many=True, read_only=True)

    class Meta(CompetencySerializer.Meta):
        fields = CompetencySerializer.Meta.fields + ["levels"]


class CompetencyViewSet(ScopedModelViewSet):
    """Kamus kompetensi (nasional + instansi); detail memuat level dan indikator perilaku."""

    serializer_class = CompetencySerializer
    queryset = Competency.objects.none()  # for the schema; rows come from get_queryset
    filterset_fields = ["competency_type", "job_family", "active"]
    change_perm = "competencies.change_competency"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Competency.objects.none()
        user = self.request.user
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            qs = selectors.competencies_for_user(user)
        else:  # the API changes only the agency's own competencies
            qs = selectors.competencies_for_user(user, action="change").filter(agency_id=user.agency_id)
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch("levels", queryset=Level.objects.order_by("level").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")))))
        return qs.order_by("competency_type", "code")

    def get_serializer_class(self):
        return CompetencyDetailSerializer if self.action == "retrieve" else CompetencySerializer


class PositionStandardSerializer(ModelCleanSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)

    class Meta:
        model = PositionStandard
        fields = ["id", "position", "competency", "competency_code", "required_level", "origin"]
        read_only_fields = ["origin"]

    def validate_position(self, position):
        return _same_agency(self, position)

    def validate_competency(self, competency):
        if competency.agency_id is not None:
            _same_agency(self, competency)
        return competency

    def validate(self, attrs):
        attrs["origin"] = PositionStandard.Origin.MANUAL  # a level written by a person is a manual decision
        return super().validate(attrs)


class PositionStandardViewSet(ScopedModelViewSet):
    """Standar kompetensi jabatan: level yang dipersyaratkan per jabatan × kompetensi (filter: position)."""

    serializer_class = PositionStandardSerializer
    base_queryset = PositionStandard.objects.select_related("competency").order_by("position_id", "competency__code")
    filterset_fields = ["position", "competency", "origin"]
    change_perm = "competencies.change_standard"

    def perform_create(self, serializer):
        serializer.save()


class StandardDefaultSerializer(ModelCleanSerializer):
    class Meta:
        model = StandardDefault
        fields = ["id", "position_type", "level", "competency_type", "required_level"]
        read_only_fields = ["position_type", "level", "competency_type"]

    def clean_exclude(self) -> list[str]:
        return ["agency"]


class StandardDefaultViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                             viewsets.GenericViewSet):
    """Tabel default level (BELUM DIVERIFIKASI terhadap peraturan; nilai bawaan yang dapat diubah)."""

    serializer_class = StandardDefaultSerializer
    queryset = StandardDefault.objects.none()  # for the schema; rows come from get_queryset
    permission_classes = [ScopedModelPermission]
    filterset_fields = ["position_type", "level", "competency_type"]
    change_perm = "competencies.change_standarddefault"
    read_perm = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return StandardDefault.objects.none()
        user = self.request.user
        if user.agency_id is not None and not StandardDefault.objects.filter(agency_id=user.agency_id).exists():
            services.standard_defaults_ensure(agency=user.agency)
        action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"
        return for_user(StandardDefault.objects.order_by("position_type", "level", "competency_type"), user, action)

