"""REST endpoints of the cycle app: year closings and carried needs (read-only, scoped), the caller's own
development summary and the leaders' dashboard figures."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from renbang.api.viewsets import ScopedModelViewSet

from . import selectors
from .models import CarriedNeed, YearClosing


class YearClosingSerializer(serializers.ModelSerializer):
    summary = serializers.JSONField(read_only=True, help_text=(
        "Angka tahun yang dibekukan: totals, by_unit, by_competency masing-masing dengan planned (rencana), "
        "realised (realisasi rencana: peserta lulus pada sesi yang dibuat dari kegiatan RPK, biaya per peserta "
        "kegiatan) dan outside (pelatihan lain tahun itu, di luar rencana, biaya katalog; tidak termasuk "
        "realisasi). Penutupan lama tanpa outside: realised mencakup semua pelatihan yang selesai."))

    class Meta:
        model = YearClosing
        fields = ["id", "year", "status", "carried", "closed_at", "summary"]


class YearClosingViewSet(ScopedModelViewSet):
    """Penutupan tahun (read-only; closing itself runs from the web page as a background job)."""

    serializer_class = YearClosingSerializer
    base_queryset = YearClosing.objects.order_by("-year")
    filterset_fields = ["year", "status"]
    read_perm = "cycle.view_years"
    change_perm = "cycle.close_year"
    http_method_names = ["get", "head", "options"]


class CarriedNeedSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)

    class Meta:
        model = CarriedNeed
        fields = ["id", "from_year", "year", "employee", "unit", "competency", "competency_code", "origin", "gap",
                  "next_gap", "priority", "programme_title"]


class CarriedNeedViewSet(ScopedModelViewSet):
    """Kebutuhan yang dibawa ke tahun berikutnya, in the caller's scope (an employee: their own)."""

    serializer_class = CarriedNeedSerializer
    base_queryset = CarriedNeed.objects.select_related("competency").order_by("-priority", "id")
    filterset_fields = ["year", "from_year", "unit", "competency", "employee", "origin"]
    change_perm = "cycle.close_year"
    http_method_names = ["get", "head", "options"]


class _Perm(IsAuthenticated):
    perm = ""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.has_perm(view.perm)


class GapSerializer(serializers.Serializer):
    competency = serializers.CharField()
    required = serializers.IntegerField()
    current = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField()
    next_required = serializers.IntegerField()
    next_gap = serializers.IntegerField()


class MyDevelopmentSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    employee = serializers.IntegerField()
    campaign = serializers.IntegerField(allow_null=True)
    jpm = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    gaps = GapSerializer(many=True)
    jp = serializers.FloatField(allow_null=True, help_text="JP tahun ini dari buku JP; null bila belum tersedia.")
    jp_floor = serializers.IntegerField()
    mentoring_jp = serializers.FloatField()
    carried = serializers.ListField(child=serializers.CharField())
    feedback_owed = serializers.IntegerField()


class MyDevelopmentView(APIView):
    """Ringkasan pengembangan pegawai yang sedang masuk (dirinya sendiri saja)."""

    permission_classes = [_Perm]
    perm = "cycle.view_my_development"

    @extend_schema(responses=MyDevelopmentSerializer)
    def get(self, request):
        year = timezone.localdate().year
        data = selectors.my_development(request.user, year)
        if data["employee"] is None:
            raise NotFound("Data pegawai tidak ditemukan.")
        profile = data["profile"] or {}
        match = profile.get("match")
        payload = {
            "year": year, "employee": data["employee"].pk,
            "campaign": data["campaign"].pk if data["campaign"] else None,
            "jpm": match.jpm if match else None,
            "gaps": [{"competency": n.competency.code, "required": n.required, "current": n.current, "gap": n.gap,
                      "next_required": n.next_required, "next_gap": n.next_gap} for n in data["gaps"]],
            "jp": float(data["jp"]) if data["jp"] is not None else None, "jp_floor": data["jp_floor"],
            "mentoring_jp": float(data["mentoring_jp"]),
            "carried": [c.competency.code for c in data["carried"]],
            "feedback_owed": len(data["feedback_owed"]) + len(data["mentoring_feedback_owed"]),
        }
        return Response(MyDevelopmentSerializer(payload).data)


class GapCellSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit = serializers.CharField()
    competency = serializers.CharField()
    employees_with_gap = serializers.IntegerField()
    employees = serializers.IntegerField()
    share = serializers.IntegerField()
    small_unit = serializers.BooleanField(help_text="Fewer measured employees than the ranking minimum: ranked last.")


class PlanProgressSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="Kegiatan rencana (RPK) yang terjadwal pada bulan ini.")
    held = serializers.IntegerField(help_text="Dari kegiatan bulan ini: yang sesinya (dibuat dari rencana) selesai.")
    planned_to_date = serializers.IntegerField(help_text="Kegiatan rencana yang terjadwal Januari s.d. bulan ini.")
    held_to_date = serializers.IntegerField(help_text="Dari kegiatan s.d. bulan ini: yang sudah terlaksana.")
    linked_to_date = serializers.IntegerField(
        help_text="Dari kegiatan s.d. bulan ini: yang sudah punya sesi pelaksanaan (0: belum ada sesi dari rencana).")
    items = serializers.IntegerField(help_text="Seluruh kegiatan rencana tahun ini dalam lingkup pengguna.")


class BudgetSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="Biaya penugasan rencana (RPK) yang ditetapkan, Rp.")
    realised = serializers.IntegerField(help_text=(
        "Realisasi anggaran rencana: biaya peserta yang lulus pada sesi yang dibuat dari kegiatan rencana, Rp."))
    realised_participants = serializers.IntegerField()
    outside_plan = serializers.IntegerField(
        help_text="Biaya peserta yang lulus pada sesi lain tahun ini (di luar rencana), Rp; tidak termasuk realisasi.")
    outside_plan_participants = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    campaign = serializers.IntegerField(allow_null=True)
    biggest_gaps = GapCellSerializer(many=True)
    jpm_bands = serializers.DictField(child=serializers.IntegerField())
    carried = serializers.IntegerField()
    plan_progress = PlanProgressSerializer(allow_null=True)
    budget = BudgetSerializer(allow_null=True)
    at_risk = serializers.IntegerField(allow_null=True)
    flagged = serializers.IntegerField(allow_null=True)
    mentoring = serializers.DictField()


class DashboardView(APIView):
    """Angka dasbor pimpinan bulan ini, dalam lingkup pengguna (null: modul sumber belum tersedia)."""

    permission_classes = [_Perm]
    perm = "cycle.view_dashboard"

    @extend_schema(responses=DashboardSerializer)
    def get(self, request):
        d = selectors.dashboard(request.user, timezone.localdate())
        progress, money = d["plan_progress"], d["budget"]
        if money:
            money = {"planned": money["planned"], "realised": money["realised"],
                     "realised_participants": money["realised_participants"], "outside_plan": money["outside"],
                     "outside_plan_participants": money["outside_participants"]}
        payload = {
            "year": d["year"], "month": d["month"], "campaign": d["campaign"].pk if d["campaign"] else None,
            "biggest_gaps": [{"unit_id": c["unit_id"], "unit": c["unit"], "competency": c["competency"].code,
                              "employees_with_gap": c["with_gap"], "employees": c["n"], "share": c["share"],
                              "small_unit": c["small"]}
                             for c in d["gaps"]],
            "jpm_bands": d["bands"], "carried": d["carried"],
            "plan_progress": progress, "budget": money,
            "at_risk": d["at_risk"]["count"] if d["at_risk"] else None,
            "flagged": d["flagged"]["count"] if d["flagged"] else None,
            "mentoring": {k: float(v) for k, v in d["mentoring"].items()},
        }
        return Response(DashboardSerializer(payload).data)


def register(router) -> None:
    """Called by renbang/api/urls.py with the /api/v1/ router."""
    router.register("cycle/year-closings", YearClosingViewSet, basename="cycle-yearclosing")
    router.register("cycle/carried-needs", CarriedNeedViewSet, basename="cycle-carriedneed")


urlpatterns: list = [
    path("cycle/my-development/", MyDevelopmentView.as_view(), name="cycle-my-development"),
    path("cycle/dashboard/", DashboardView.as_view(), name="cycle-dashboard"),
]
