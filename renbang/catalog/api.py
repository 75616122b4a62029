"""REST API of the catalogue. The planner reads `programme-offers` (uplift × effectiveness per competency)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.api.filters import INT64_MAX
from renbang.api.permissions import ScopedModelPermission
from renbang.api.query import read_query
from renbang.api.schema import ErrorDetailSerializer
from renbang.api.serializers import ModelCleanSerializer
from renbang.api.viewsets import ScopedModelViewSet
from renbang.competencies.models import Competency
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus

from . import selectors, services
from .models import Method, PlannedSession, Programme, Provider, SuggestionRule
from .suggestions import suggest


def _validation(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(serializers.as_serializer_error(exc))


class MethodSerializer(serializers.ModelSerializer):
    national = serializers.BooleanField(source="is_national", read_only=True)

    class Meta:
        model = Method
        fields = ["id", "code", "name", "route", "description", "jp_basis", "minutes_per_jp", "jp_per_unit",
                  "effectiveness", "source", "active", "national"]
        read_only_fields = ["code", "route", "source"]


class MethodViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                    viewsets.GenericViewSet):
    """Metode (Peraturan LAN 10/2018). Editing a national method creates the agency's own copy."""

    serializer_class = MethodSerializer
    permission_classes = [ScopedModelPermission]
    change_perm = "catalog.change_catalog"
    filterset_fields = ["route", "code", "active"]

    queryset = Method.objects.none()

    def get_queryset(self):
        user = self.request.user
        if getattr(user, "agency_id", None) is None:
            return Method.objects.none()
        return selectors.methods_for_agency(user.agency_id)

    def perform_update(self, serializer):
        try:
            serializer.instance = services.method_update(method=serializer.instance, agency=self.request.user.agency,
                                                         data=serializer.validated_data)
        except DjangoValidationError as exc:
            raise _validation(exc) from None


class ProviderSerializer(ModelCleanSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "kind", "contact_person", "phone", "email", "address", "website", "active"]

    def clean_exclude(self) -> list[str]:
        return ["agency"]


class ProviderViewSet(ScopedModelViewSet):
    serializer_class = ProviderSerializer
    base_queryset = Provider.objects.order_by("name")
    filterset_fields = ["kind", "active"]
    change_perm = "catalog.change_catalog"


class TargetSerializer(serializers.Serializer):
    competency = serializers.CharField(help_text="Kode kompetensi, mis. M.2 atau T.KEU.1")
    competency_name = serializers.CharField(read_only=True)
    uplift = serializers.IntegerField(min_value=1, max_value=4)


class ProgrammeSerializer(serializers.ModelSerializer):
    method = serializers.SlugRelatedField(slug_field="code", queryset=Method.objects.all())
    targets = TargetSerializer(many=True, required=False)
    position_types = serializers.ListField(child=serializers.CharField(), required=False,
                                           help_text="Kode jenis jabatan (kosong: semua): " + ", ".join(
                                               PositionType.values))
    employee_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=EmployeeStatus.choices), required=False,
        help_text="Status kepegawaian sasaran (kosong: semua): " + ", ".join(EmployeeStatus.values))
    effectiveness = serializers.DecimalField(max_digits=3, decimal_places=2, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "code", "title", "method", "provider", "description", "targets", "min_level", "max_level",
                  "position_types", "jp", "cost_per_participant", "capacity_per_session", "delivery", "mandatory",
                  "employee_statuses", "curriculum_reference", "effectiveness_override", "effectiveness", "active"]
        extra_kwargs = {"code": {"required": False, "allow_blank": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        self.fields["method"].queryset = selectors.methods_for_agency(agency_id)
        self.fields["provider"].queryset = Provider.objects.filter(agency_id=agency_id)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["targets"] = [{"competency": t.competency.code, "competency_name": t.competency.name,
                            "uplift": t.uplift} for t in instance.targets.all()]
        data["position_types"] = instance.position_types
        return data

    def validate_position_types(self, value):
        unknown = [v for v in value if v not in PositionType.values]
        if unknown:
            raise serializers.ValidationError(f"Jenis jabatan tidak dikenal: {', '.join(unknown)[:80]}.")
        return value

    def validate_targets(self, value):
        agency_id = self.context["request"].user.agency_id
        known = {c.code.upper(): c for c in Competency.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))}
        result = []
        for item in value:
            competency = known.get(item["competency"].upper())
            if competency is None:
                raise serializers.ValidationError(f"Kompetensi '{item['competency'][:20]}' tidak dikenal.")
            result.append((competency, item["uplift"]))
        return result

    def _save(self, validated, instance=None):
        targets = validated.pop("targets", None)
        types = validated.pop("position_types", None)
        try:
            return services.programme_save(agency=self.context["request"].user.agency, data=validated,
                                           targets=targets, position_types=types, programme=instance)
        except DjangoValidationError as exc:
            raise _validation(exc) from None

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class ProgrammeViewSet(ScopedModelViewSet):
    """Program katalog dengan kompetensi (kode + kenaikan level) dan sasaran jenis jabatan."""

    serializer_class = ProgrammeSerializer
    base_queryset = Programme.objects.select_related("method", "provider").prefetch_related(
        "targets__competency", "eligibilities").order_by("title", "pk")
    filterset_fields = ["method", "provider", "delivery", "mandatory", "active"]
    change_perm = "catalog.change_catalog"

    def perform_create(self, serializer):
        serializer.save()


class PlannedSessionSerializer(serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.title", read_only=True)

    class Meta:
        model = PlannedSession
        fields = ["id", "programme", "programme_title", "rule", "date", "year", "month", "capacity", "shifted_from",
                  "note"]


class PlannedSessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sesi terencana (dari pola jadwal rutin), untuk perencana dan pelaksanaan."""

    serializer_class = PlannedSessionSerializer
    permission_classes = [ScopedModelPermission]
    change_perm = "catalog.change_catalog"
    filterset_fields = ["programme", "year", "month"]

    def get_queryset(self):
        from renbang.accounts.scoping import for_user

        return for_user(PlannedSession.objects.select_related("programme").order_by("date", "pk"), self.request.user)


class SuggestionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = SuggestionRule
        fields = ["id", "name", "competency_type", "min_gap", "max_gap", "position_types", "code_prefix",
                  "method_codes", "reason", "weight", "order", "active"]

    def _save(self, validated, instance=None):
        try:
            return services.suggestion_rule_save(agency=self.context["request"].user.agency, data=validated,
                                                 rule=instance)
        except DjangoValidationError as exc:
            raise _validation(exc) from None

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class SuggestionRuleViewSet(viewsets.ModelViewSet):
    """Aturan saran strategi (bawaan nasional sampai instansi mengubahnya)."""

    serializer_class = SuggestionRuleSerializer
    permission_classes = [ScopedModelPermission]
    change_perm = "catalog.change_rules"

    queryset = SuggestionRule.objects.none()

    def get_queryset(self):
        user = self.request.user
        if getattr(user, "agency_id", None) is None:
            return SuggestionRule.objects.none()
        return selectors.suggestion_rules_for_agency(user.agency_id)

    def perform_destroy(self, instance):
        services.suggestion_rule_delete(agency=self.request.user.agency, rule=instance)


class SuggestionQuerySerializer(serializers.Serializer):
    competency = serializers.CharField(help_text="Kode kompetensi")
    gap = serializers.IntegerField(min_value=1, max_value=4)
    position_type = serializers.ChoiceField(choices=PositionType.choices, required=False,
                                            help_text="Kode jenis jabatan, mis. pelaksana")
    current_level = serializers.IntegerField(min_value=1, max_value=5, required=False)


class SuggestedProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    uplift = serializers.IntegerField()
    expected_uplift = serializers.DecimalField(max_digits=4, decimal_places=2)
    jp = serializers.IntegerField()
    cost_per_participant = serializers.IntegerField()
    has_sessions = serializers.BooleanField()


class SuggestionSerializer(serializers.Serializer):
    method = serializers.CharField()
    method_name = serializers.CharField()
    score = serializers.DecimalField(max_digits=6, decimal_places=3)
    reason = serializers.CharField()
    rule = serializers.CharField()
    programmes = SuggestedProgrammeSerializer(many=True)


class _SuggestPermission(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.has_perm("catalog.use_suggestions")


class SuggestionView(APIView):
    """Saran metode dan program untuk satu kebutuhan (kompetensi, kesenjangan, jenis jabatan)."""

    permission_classes = [_SuggestPermission]

    @extend_schema(parameters=[SuggestionQuerySerializer],
                   responses={200: SuggestionSerializer(many=True), 404: ErrorDetailSerializer})
    def get(self, request):
        q = read_query(request, SuggestionQuerySerializer)
        agency_id = request.user.agency_id
        competency = Competency.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id),
                                               code__iexact=q["competency"]).first()
        if competency is None:
            raise NotFound("Kompetensi tidak dikenal.")
        results = suggest(competency=competency, gap=q["gap"], position_type=q.get("position_type", ""),
                          agency=agency_id, current_level=q.get("current_level"))
        data = [{
            "method": s.method.code, "method_name": s.method.name, "score": s.score, "reason": s.reason,
            "rule": s.rule_name, "programmes": [{
                "id": o.programme.pk, "code": o.programme.code, "title": o.programme.title, "uplift": o.uplift,
                "expected_uplift": o.expected_uplift, "jp": o.programme.jp,
                "cost_per_participant": o.programme.cost_per_participant, "has_sessions": o.has_sessions,
            } for o in s.programmes],
        } for s in results]
        return Response(SuggestionSerializer(data, many=True).data)


class OfferSerializer(serializers.Serializer):
    programme_id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    method_code = serializers.CharField()
    route = serializers.CharField()
    competency_id = serializers.IntegerField()
    uplift = serializers.IntegerField()
    effectiveness = serializers.DecimalField(max_digits=3, decimal_places=2)
    expected_uplift = serializers.DecimalField(max_digits=5, decimal_places=2)
    jp = serializers.IntegerField()
    cost_per_participant = serializers.IntegerField()
    capacity_per_session = serializers.IntegerField()
    min_level = serializers.IntegerField()
    max_level = serializers.IntegerField()
    position_types = serializers.ListField(child=serializers.CharField())
    mandatory = serializers.BooleanField()
    session_ids = serializers.ListField(child=serializers.IntegerField())
    session_dates = serializers.ListField(child=serializers.DateField())
    effectiveness_source = serializers.CharField()
    catalogue_effectiveness = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)


class OfferQuerySerializer(serializers.Serializer):
    competency = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=INT64_MAX),
                                       required=False, help_text="ID kompetensi (boleh berulang)")
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False,
                                    help_text="Tahun sesi terencana")


class OfferView(APIView):
    """Untuk perencana: setiap program aktif × kompetensi dengan kenaikan × efektivitas dan sesi tahun tertentu."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OfferQuerySerializer], responses=OfferSerializer(many=True))
    def get(self, request):
        query = read_query(request, OfferQuerySerializer)
        if request.user.agency_id is None:
            return Response([])
        offers = selectors.programme_offers(request.user.agency_id, competency_ids=query.get("competency") or None,
                                            year=query.get("year"))
        return Response(OfferSerializer([o.__dict__ for o in offers], many=True).data)
