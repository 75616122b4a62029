"""REST endpoints of delivery: sessions (BKPSDM writes through services), enrolments (answer, release),
attendance, external claims, certificates, the JP ledger and one's own JP. Rows come through scoping.for_user."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.accounts.scoping import for_user
from renbang.api.pagination import LimitOffsetPagination
from renbang.api.query import StrictBooleanField, read_query
from renbang.api.viewsets import ScopedModelViewSet
from renbang.catalog.models import Programme
from renbang.catalog.selectors import methods_for_agency
from renbang.people.models import Employee

from . import ledger, services
from .models import Attendance, Certificate, Enrolment, ExternalClaim, Session


def _validation(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(serializers.as_serializer_error(exc))


class SessionSerializer(serializers.ModelSerializer):
    days = serializers.SlugRelatedField(many=True, read_only=True, slug_field="date")
    programme_title = serializers.CharField(source="programme.title", read_only=True)

    class Meta:
        model = Session
        fields = ["id", "programme", "programme_title", "plan_item", "planned_session", "title", "unit",
                  "start_date", "end_date", "days", "start_time", "end_time", "venue", "online_url", "facilitator",
                  "capacity", "jp", "status", "notes", "completed_at"]
        read_only_fields = ["plan_item", "planned_session", "status", "completed_at"]
        extra_kwargs = {"jp": {"required": False}, "capacity": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        self.fields["programme"].queryset = Programme.objects.filter(agency_id=agency_id)
        from renbang.accounts.models import User
        from renbang.org.models import OrgUnit

        self.fields["unit"].queryset = OrgUnit.objects.filter(agency_id=agency_id)
        self.fields["facilitator"].queryset = User.objects.filter(agency_id=agency_id)

    def _save(self, validated, instance=None):
        try:
            return services.session_save(agency=self.context["request"].user.agency, data=validated,
                                         session=instance, user=self.context["request"].user)
        except DjangoValidationError as exc:
            raise _validation(exc) from None

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class SessionViewSet(ScopedModelViewSet):
    """Sesi pelatihan (kalender). Everyone of the agency reads; BKPSDM creates and changes."""

    serializer_class = SessionSerializer
    base_queryset = Session.objects.select_related("programme").prefetch_related("days").order_by(
        "start_date", "pk")
    filterset_fields = ["programme", "status", "unit"]
    change_perm = "delivery.manage"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.save()


class EnrolmentSerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="employee.nip", read_only=True)
    name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "session", "employee", "nip", "name", "status", "source", "reason", "waitlist_rank",
                  "invited_at", "responded_at", "attendance_percent", "completed", "jp"]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class RespondSerializer(ReasonSerializer):
    accept = serializers.BooleanField()


class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Peserta sesi: one's own, one's staff, one's unit (OPD), or all (BKPSDM). Answer and release here."""

    serializer_class = EnrolmentSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["session", "status", "completed", "employee"]

    def get_queryset(self):
        return for_user(Enrolment.objects.select_related("employee").order_by("session", "employee__name", "pk"),
                        self.request.user)

    def _act(self, fn, **kwargs):
        enrolment = self.get_object()
        try:
            fn(enrolment=enrolment, user=self.request.user, **kwargs)
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        enrolment.refresh_from_db()
        return Response(self.get_serializer(enrolment).data)

    @extend_schema(request=RespondSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """The invited employee confirms (accept=true) or declines with a reason."""
        body = RespondSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._act(services.enrolment_respond, accept=body.validated_data["accept"],
                         reason=body.validated_data["reason"])

    @extend_schema(request=ReasonSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """The supervisor (or OPD officer, BKPSDM) releases the employee, with a reason."""
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._act(services.enrolment_release, reason=body.validated_data["reason"])


class AttendanceSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="day.date", read_only=True)
    session = serializers.IntegerField(source="day.session_id", read_only=True)
    employee = serializers.IntegerField(source="enrolment.employee_id", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "enrolment", "session", "employee", "date", "status", "method", "recorded_at"]
        read_only_fields = fields


class AttendanceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AttendanceSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["enrolment", "status"]

    def get_queryset(self):
        return for_user(Attendance.objects.select_related("day", "enrolment").order_by("day__date", "pk"),
                        self.request.user)


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalClaim
        fields = ["id", "employee", "title", "provider_name", "method", "start_date", "end_date", "jp",
                  "certificate_number", "file_type", "file_size", "status", "reason", "verified_at", "submitted_at"]
        read_only_fields = fields


class ClaimSubmitSerializer(serializers.ModelSerializer):
    """A claim with its certificate/STTPP file (multipart): the web page's rules, through the same service."""

    file = serializers.FileField(write_only=True, help_text="PDF atau gambar (PNG, JPEG, WebP), dicek dari isinya.")

    class Meta:
        model = ExternalClaim
        fields = ["title", "provider_name", "method", "start_date", "end_date", "jp", "certificate_number", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["method"].queryset = methods_for_agency(getattr(getattr(request, "user", None), "agency_id", None))

    def create(self, validated_data):
        upload = validated_data.pop("file")
        try:
            return services.claim_submit(user=self.context["request"].user, data=validated_data, upload=upload)
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except DjangoValidationError as exc:
            raise _validation(exc) from None


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    jp = serializers.DecimalField(required=False, allow_null=True, max_digits=6, decimal_places=2,
                                  min_value=Decimal("0.5"), max_value=Decimal("2000"), default=None)


class ClaimViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Klaim pengembangan eksternal: the employee submits one with its certificate file (multipart, as on the web
    page: same content check, same rules); BKPSDM decides."""

    serializer_class = ClaimSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status", "employee"]

    def get_queryset(self):
        return for_user(ExternalClaim.objects.order_by("-submitted_at", "-pk"), self.request.user)

    @extend_schema(request={"multipart/form-data": ClaimSubmitSerializer}, responses={201: ClaimSerializer})
    def create(self, request, *args, **kwargs):
        """Submit a claim of one's own (users linked to an employee); it waits for BKPSDM's verification."""
        if not request.user.has_perm("delivery.claim"):
            raise PermissionDenied("Hanya pegawai yang dapat mengajukan klaim.")
        body = ClaimSubmitSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        claim = body.save()
        return Response(ClaimSerializer(claim, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=DecisionSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        if not request.user.has_perm("delivery.verify_claims"):
            raise PermissionDenied
        claim = self.get_object()
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            claim = services.claim_decide(claim=claim, user=request.user, **body.validated_data)
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        return Response(self.get_serializer(claim).data)


class CertificateSerializer(serializers.ModelSerializer):
    employee = serializers.IntegerField(source="enrolment.employee_id", read_only=True)
    session = serializers.IntegerField(source="enrolment.session_id", read_only=True)
    jp = serializers.DecimalField(source="enrolment.jp", max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "code", "employee", "session", "jp", "issued_at", "revoked"]
        read_only_fields = fields


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CertificateSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return for_user(Certificate.objects.select_related("enrolment").order_by("-issued_at", "-pk"),
                        self.request.user)


class LedgerRowSerializer(serializers.Serializer):
    employee = serializers.IntegerField()
    sessions = serializers.FloatField()
    claims = serializers.FloatField()
    mentoring = serializers.FloatField()
    total = serializers.FloatField()
    upcoming = serializers.FloatField()
    subject = serializers.BooleanField()
    compliant = serializers.BooleanField()
    at_risk = serializers.BooleanField()
    pppk_over = serializers.BooleanField()
    shortfall = serializers.FloatField()


class LedgerPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LedgerRowSerializer(many=True)


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False,
                                    help_text="Tahun (2000–2100); bawaan tahun berjalan")


class LedgerQuerySerializer(YearQuerySerializer):
    at_risk = StrictBooleanField(required=False, help_text="true: hanya pegawai berisiko kurang dari 20 JP")


def _year(request) -> int:
    return read_query(request, YearQuerySerializer).get("year") or timezone.localdate().year


def _row(led: ledger.Ledger, i: int) -> dict:
    return {"employee": int(led.employee_ids[i]), "sessions": float(led.sessions[i]), "claims": float(led.claims[i]),
            "mentoring": float(led.mentoring[i]), "total": float(led.total[i]), "upcoming": float(led.upcoming[i]),
            "subject": bool(led.subject[i]), "compliant": bool(led.compliant[i]), "at_risk": bool(led.at_risk[i]),
            "pppk_over": bool(led.pppk_over[i]), "shortfall": float(led.shortfall[i])}


class _CompliancePermission(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.has_perm("delivery.view_compliance")


class LedgerView(APIView):
    """Buku JP: per pegawai yang terlihat (BKPSDM, PPK, pengelola OPD), JP setahun dari sesi, klaim dan mentoring
    (PP 11/2017 Pasal 203: ≥ 20 JP; PP 49/2018: PPPK ≤ 24 JP ditandai). `at_risk=true` untuk daftar berisiko."""

    permission_classes = [_CompliancePermission]

    pagination_class = LimitOffsetPagination

    @extend_schema(parameters=[LedgerQuerySerializer, *LimitOffsetPagination.openapi_parameters()],
                   responses=LedgerPageSerializer)
    def get(self, request):
        query = read_query(request, LedgerQuerySerializer)
        year = query.get("year") or timezone.localdate().year
        led = ledger.jp_ledger(request.user.agency, year, for_user(Employee.objects.filter(active=True),
                                                                   request.user))
        at_risk = query.get("at_risk", False)
        idx = [int(i) for i in (led.at_risk.nonzero()[0] if at_risk else range(len(led.employee_ids)))]
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(idx, request, view=self)
        return paginator.get_paginated_response([_row(led, i) for i in page])


class MyJpView(APIView):
    """JP saya: one's own totals of a year."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[YearQuerySerializer], responses=LedgerRowSerializer)
    def get(self, request):
        year = _year(request)
        if not request.user.employee_id or request.user.agency_id is None:
            raise PermissionDenied("Akun tidak terhubung dengan data pegawai.")
        led = ledger.jp_ledger(request.user.agency, year, Employee.objects.filter(pk=request.user.employee_id),
                               only=[request.user.employee_id])
        if not len(led.employee_ids):
            raise PermissionDenied("Akun tidak terhubung dengan pegawai aktif.")
        return Response(_row(led, 0))


def register(router) -> None:
    """Called by renbang/api/urls.py with the /api/v1/ router."""
    router.register("delivery/sessions", SessionViewSet, basename="deliverysession")
    router.register("delivery/enrolments", EnrolmentViewSet, basename="deliveryenrolment")
    router.register("delivery/attendance", AttendanceViewSet, basename="deliveryattendance")
    router.register("delivery/claims", ClaimViewSet, basename="deliveryclaim")
    router.register("delivery/certificates", CertificateViewSet, basename="deliverycertificate")


urlpatterns: list = [
    path("delivery/ledger/", LedgerView.as_view(), name="delivery-ledger"),
    path("delivery/my-jp/", MyJpView.as_view(), name="delivery-my-jp"),
]
