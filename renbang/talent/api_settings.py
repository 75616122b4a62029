"""/api/v1/talent/settings/: the agency's talent settings (GET: BKPSDM admin and PPK; PUT/PATCH: BKPSDM admin).

The keyed tables are objects with one property per key (conf.py), as the page shows them; PATCH may name only the
keys it changes (of a table too). Refusals use the API's error shape (field → messages; a table's key → messages).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import conf as keys
from . import services
from .models import TalentSettings
from .outlook import settings_for


class Whole(serializers.Serializer):
    """Complete in a PATCH too: DRF would skip a nested field missing from a partial update, but the schema (and the
    page) treat a table or a special rule as one value, given whole or not at all."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            missing = {name: [field.error_messages["required"]] for name, field in self.fields.items()
                       if field.required and name not in data}
            if missing:
                raise serializers.ValidationError(missing)
        return super().to_internal_value(data)


class NumberField(serializers.FloatField):
    """A JSON number, as the schema says: DRF's FloatField would also read true (1.0) and "0.5"."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


def _keyed(name: str, table_keys, make, doc: str) -> type[serializers.Serializer]:
    """A serializer with one field per key of a table (keys such as "fungsional_keahlian:madya" or "3-1")."""
    attrs = {key: make() for key in table_keys}
    attrs["__doc__"] = doc
    return type(name, (Whole,), attrs)


BupTable = _keyed("TalentBupTable", keys.BUP_KEYS, lambda: serializers.IntegerField(min_value=40, max_value=75),
                  "BUP (tahun) per jenis[:jenjang] jabatan (PP 11/2017 Pasal 239 jo. PP 17/2020).")
PredicateScores = _keyed("TalentPredicateScores", keys.PREDICATE_KEYS,
                         lambda: NumberField(min_value=0, max_value=10),
                         "Skor per predikat SKP (PermenPANRB 6/2022; skor BELUM DIVERIFIKASI).")
BoxNumbers = _keyed("TalentBoxNumbers", keys.BOX_KEYS, lambda: serializers.IntegerField(min_value=1, max_value=9),
                    "\"kinerja-potensial\" (1 rendah .. 3 tinggi) → nomor kotak 1–9, masing-masing sekali "
                    "(PermenPANRB 3/2020; penomoran BELUM DIVERIFIKASI).")
MinRankTable = _keyed("TalentMinRankTable", keys.MIN_RANK_KEYS,
                      lambda: serializers.ChoiceField(choices=keys.RANK_CHOICES, allow_null=True),
                      "Golongan minimal calon per jenis[:jenjang] jabatan; null = tanpa syarat (BELUM DIVERIFIKASI).")
ReadinessWeights = _keyed("TalentReadinessWeights", keys.READINESS_KEYS,
                          lambda: NumberField(min_value=0, max_value=1),
                          "Bobot skor kesiapan calon (pilihan desain Renbang).")


class SpecialRuleSerializer(Whole):
    """Aturan BUP khusus (PP 11/2017 Pasal 240; BELUM DIVERIFIKASI): jabatan yang namanya memuat `contains`."""

    contains = serializers.CharField(max_length=100)
    age = serializers.IntegerField(min_value=40, max_value=75)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_contains(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(_("Isi kata yang dicari dalam nama jabatan."))
        return value.strip()


class TalentSettingsSerializer(serializers.ModelSerializer):
    bup_table = BupTable()
    bup_special = SpecialRuleSerializer(many=True, max_length=30)
    predicate_scores = PredicateScores()
    box_numbers = BoxNumbers()
    min_rank_table = MinRankTable()
    readiness_weights = ReadinessWeights()
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)  # null: never changed, all defaults

    class Meta:
        model = TalentSettings
        fields = [*keys.SCALAR_FIELDS, *keys.TABLE_FIELDS, "updated_at"]
        extra_kwargs = {name: {"required": True} for name in keys.SCALAR_FIELDS}  # PUT gives every setting

    def to_representation(self, instance):
        return super().to_representation(_Shown(instance))


class _Shown:
    """A TalentSettings read as the rules read it: every key of each table present (conf.tables_of)."""

    def __init__(self, conf: TalentSettings):
        self._conf = conf
        self._tables = keys.tables_of(conf)

    def __getattr__(self, name):
        if name in self._tables:
            return self._tables[name]
        if name == "bup_special":
            return [r for r in self._conf.bup_special if isinstance(r, dict)] \
                if isinstance(self._conf.bup_special, list) else []
        return getattr(self._conf, name)


class TalentSettingsView(APIView):
    """Pengaturan talenta instansi pemanggil: aturan pensiun, kotak talenta, suksesi dan kesiapan."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=TalentSettingsSerializer)
    def get(self, request):
        if not request.user.has_perm("talent.view_settings"):
            raise PermissionDenied(_("Anda tidak berhak melihat pengaturan talenta."))
        return Response(TalentSettingsSerializer(settings_for(request.user.agency_id)).data)

    @extend_schema(request=TalentSettingsSerializer, responses=TalentSettingsSerializer)
    def put(self, request):
        return self._change(request, partial=False)

    @extend_schema(request=TalentSettingsSerializer, responses=TalentSettingsSerializer)
    def patch(self, request):
        return self._change(request, partial=True)

    def _change(self, request, *, partial: bool):
        if not request.user.has_perm("talent.change_settings"):
            raise PermissionDenied(_("Hanya admin BKPSDM yang dapat mengubah pengaturan talenta."))
        incoming = TalentSettingsSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        values = {name: dict(v) if isinstance(v, Mapping) else v for name, v in incoming.validated_data.items()}
        if "bup_special" in values:
            values["bup_special"] = [dict(r) for r in values["bup_special"]]
        try:
            conf = services.settings_update(agency=request.user.agency, values=values)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        return Response(TalentSettingsSerializer(conf).data)
