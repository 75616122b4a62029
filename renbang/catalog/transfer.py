"""Excel import/export of the catalogue: one row per programme, its competencies in one cell ("M.2:1; T.KEU.1:2").

Export and import use the same columns, so an exported file re-imports unchanged (round trip). Import is
all-or-nothing by default (one invalid row → nothing written); `skip_invalid` writes the valid rows only.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from renbang.competencies.models import Competency
from renbang.core.tabular import ImportReport, RowError, cell_text, map_columns, read_table
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus

from .forms import ProgrammeForm
from .models import Delivery, Programme, Provider, ProviderKind
from .selectors import methods_for_agency
from .services import programme_save

HEADERS = ["Kode", "Judul", "Kode metode", "Metode", "Penyelenggara", "Kompetensi (kode:kenaikan)",
           "Level minimal", "Level maksimal", "Jenis jabatan", "JP", "Biaya per peserta (Rp)",
           "Kapasitas per angkatan", "Moda", "Wajib", "Rujukan kurikulum", "Efektivitas khusus", "Aktif",
           "Deskripsi", "Status kepegawaian"]

ALIASES = {
    "code": ["Kode", "Kode program"], "title": ["Judul", "Judul program", "Nama program"],
    "method": ["Kode metode", "Metode kode"], "provider": ["Penyelenggara", "Provider"],
    "competencies": ["Kompetensi (kode:kenaikan)", "Kompetensi"], "min_level": ["Level minimal"],
    "max_level": ["Level maksimal"], "position_types": ["Jenis jabatan", "Sasaran jabatan"], "jp": ["JP"],
    "cost": ["Biaya per peserta (Rp)", "Biaya per peserta", "Biaya"],
    "capacity": ["Kapasitas per angkatan", "Kapasitas"], "delivery": ["Moda", "Moda pelaksanaan"],
    "mandatory": ["Wajib"], "curriculum": ["Rujukan kurikulum", "Kurikulum"],
    "effectiveness": ["Efektivitas khusus", "Efektivitas"], "active": ["Aktif"], "description": ["Deskripsi"],
    "statuses": ["Status kepegawaian", "Sasaran status"],
}
# Optional column → programme field. A column absent from the file leaves the stored value of an existing programme
# as it is (a file made from an older template must not wipe what it does not carry); a new programme takes the
# default. A column present with an empty cell means its documented empty value (position types and employment
# statuses: no restriction; effectiveness: the method's default), except the KEPT_WHEN_EMPTY columns below.
KEPT_WHEN_ABSENT = {
    "min_level": "min_level", "max_level": "max_level", "cost": "cost_per_participant",
    "capacity": "capacity_per_session", "delivery": "delivery", "mandatory": "mandatory",
    "curriculum": "curriculum_reference", "effectiveness": "effectiveness_override", "active": "active",
    "description": "description", "statuses": "employee_statuses",
}
# Columns whose empty cell is no value at all (a number, a choice, Ya/Tidak: 0 must be written as 0), with their
# label. An empty cell keeps an existing programme's stored value; a new programme needs it written when the programme
# form requires it, and otherwise takes the model default (_fill_empty_cells).
KEPT_WHEN_EMPTY = {
    "min_level": "Level minimal", "max_level": "Level maksimal", "cost_per_participant": "Biaya per peserta",
    "capacity_per_session": "Kapasitas per angkatan", "delivery": "Moda", "mandatory": "Wajib", "active": "Aktif",
}
YES = {"ya", "y", "yes", "true", "1", "wajib", "aktif"}
NO = {"tidak", "t", "no", "false", "0", "", "tidak aktif"}


def export_rows(queryset) -> list[list[Any]]:
    rows = []
    for p in queryset:
        targets = "; ".join(f"{t.competency.code}:{t.uplift}" for t in p.targets.all())
        types = ", ".join(sorted(e.position_type for e in p.eligibilities.all()))
        rows.append([
            p.code, p.title, p.method.code, p.method.name, p.provider.name if p.provider else "", targets,
            p.min_level, p.max_level, types, p.jp, p.cost_per_participant, p.capacity_per_session,
            p.get_delivery_display(), "Ya" if p.mandatory else "Tidak", p.curriculum_reference,
            "" if p.effectiveness_override is None else str(p.effectiveness_override),
            "Ya" if p.active else "Tidak", p.description, ", ".join(p.employee_statuses or []),
        ])
    return rows


def _int(text: str, label: str, *, default: int | None = None) -> int:
    text = text.replace(".", "").replace(",", "").replace("Rp", "").replace(" ", "") if text else text
    if not text:
        if default is None:
            raise ValueError(_("%(label)s wajib diisi") % {"label": label})
        return default
    if not re.fullmatch(r"\d+", text):
        raise ValueError(_("%(label)s harus bilangan bulat, bukan '%(text)s'") % {"label": label, "text": text[:30]})
    return int(text)


def _bool(text: str, label: str, default: bool) -> bool:
    key = text.strip().lower()
    if not text:
        return default
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(_("%(label)s harus Ya atau Tidak") % {"label": label})


def _choice(text: str, choices, label: str, default: str) -> str:
    if not text:
        return default
    key = text.strip().lower()
    for value, name in choices:
        if key in (str(value).lower(), str(name).lower()):
            return value
    raise ValueError(_("%(label)s '%(text)s' tidak dikenal") % {"label": label, "text": text[:30]})


class _Row:
    def __init__(self, agency, cols: dict[str, int], raw: list[Any], lookups: dict) -> None:
        self.get = lambda key: cell_text(raw[cols[key]]) if key in cols and cols[key] < len(raw) else ""
        self.agency, self.lookups = agency, lookups

    def parse(self) -> tuple[dict, list, list[str], str]:
        get = self.get
        method = self.lookups["methods"].get(get("method").upper())
        if method is None:
            raise ValueError(_("kode metode '%(code)s' tidak dikenal") % {"code": get("method")[:20]})
        targets = []
        for part in filter(None, (p.strip() for p in re.split(r"[;\n]", get("competencies")))):
            code, _sep, uplift = part.partition(":")
            competency = self.lookups["competencies"].get(code.strip().upper())
            if competency is None:
                raise ValueError(_("kompetensi '%(code)s' tidak dikenal") % {"code": code.strip()[:20]})
            targets.append((competency, _int(uplift.strip(), "kenaikan level", default=1)))
        types = [_choice(t, PositionType.choices, "jenis jabatan", "")
                 for t in filter(None, (t.strip() for t in get("position_types").split(",")))]
        eff_text = get("effectiveness").replace(",", ".")
        try:
            effectiveness = Decimal(eff_text) if eff_text else None
        except InvalidOperation:
            raise ValueError(_("efektivitas harus angka 0–1")) from None
        def filled(key, parse):  # None: an empty cell, settled by _fill_empty_cells once the programme is known
            return parse(get(key)) if get(key) else None

        data = {
            "title": get("title"), "method": method,
            "min_level": filled("min_level", lambda t: _int(t, "level minimal")),
            "max_level": filled("max_level", lambda t: _int(t, "level maksimal")), "jp": _int(get("jp"), "JP"),
            "cost_per_participant": filled("cost", lambda t: _int(t, "biaya")),
            "capacity_per_session": filled("capacity", lambda t: _int(t, "kapasitas")),
            "delivery": filled("delivery", lambda t: _choice(t, Delivery.choices, "moda", "")),
            "mandatory": filled("mandatory", lambda t: _bool(t, "Wajib", False)),
            "curriculum_reference": get("curriculum"),
            "effectiveness_override": effectiveness, "active": filled("active", lambda t: _bool(t, "Aktif", True)),
            "description": get("description"),
            "employee_statuses": [_choice(t, EmployeeStatus.choices, "status kepegawaian", "")
                                  for t in filter(None, (t.strip() for t in get("statuses").split(",")))],
        }
        return data, targets, types, get("provider")


def _title_key(title: str, method_id) -> tuple[str, object]:
    return title.strip().casefold(), method_id


def _refuse_a_second_copy(fields: dict, by_title: dict) -> None:
    """A row without a code makes a new programme; one whose title and method are already in the catalogue
    would be a silent duplicate (a file without the Kode column imported twice), so it is a row error."""
    programme = by_title.get(_title_key(fields["title"], fields["method"].pk))
    if programme is not None:
        raise ValueError(
            _(
                'Program "%(title)s" dengan metode ini sudah ada (kode %(code)s): isi kolom Kode untuk '
                "memperbaruinya, atau ubah judulnya bila memang program baru."
            )
            % {"title": programme.title, "code": programme.code}
        )


def import_catalogue(*, agency, data: bytes, filename: str, skip_invalid: bool = False,
                     dry_run: bool = False) -> ImportReport:
    """Create or update programmes by code. Refuses the whole file on any invalid row unless `skip_invalid`."""
    table = read_table(data, filename)
    cols = map_columns(table.headers, ALIASES)
    report = ImportReport(total_rows=len(table.rows), dry_run=dry_run)
    missing = [label for key, label in (("title", "Judul"), ("method", "Kode metode"), ("jp", "JP")) if key not in cols]
    if missing:
        message = _("Kolom wajib tidak ada: %(cols)s") % {"cols": ", ".join(missing)}
        report.errors.append(RowError(1, ", ".join(missing), "", message))
        return report
    lookups = {
        "methods": {m.code.upper(): m for m in methods_for_agency(agency.pk)},
        "competencies": {c.code.upper(): c for c in Competency.objects.filter(
            Q(agency__isnull=True) | Q(agency=agency))},
    }
    providers = {p.name.lower(): p for p in Provider.objects.filter(agency=agency)}
    existing = {p.code: p for p in Programme.objects.filter(agency=agency).select_related("method", "provider")
                .prefetch_related("targets__competency", "eligibilities")}
    by_title = {_title_key(p.title, p.method_id): p for p in existing.values()}
    try:
        with transaction.atomic():
            for offset, raw in enumerate(table.rows):
                number = table.first_row_number + offset
                row = _Row(agency, cols, list(raw), lookups)
                code = row.get("code")
                try:
                    fields, targets, types, provider_name = row.parse()
                    current = existing.get(code) if code else None
                    if not code:
                        _refuse_a_second_copy(fields, by_title)
                    _fill_empty_cells(fields, current, cols)
                    if current is not None:
                        targets, types, provider_name = _keep_absent(current, cols, fields, targets, types,
                                                                     provider_name)
                    if current is not None and export_rows([current])[0][1:] == _as_export(fields, targets, types,
                                                                                           provider_name)[1:]:
                        report.unchanged += 1
                        continue
                    with transaction.atomic():
                        provider = None
                        if provider_name:
                            provider = providers.get(provider_name.lower())
                            if provider is None:
                                provider = Provider(agency=agency, name=provider_name, kind=ProviderKind.OTHER)
                                provider.full_clean()
                                provider.save()
                                providers[provider_name.lower()] = provider
                                report.notes.append(_("Penyelenggara baru dibuat: %(name)s") % {"name": provider_name})
                        fields["provider"] = provider
                        if code:
                            fields["code"] = code
                        saved = programme_save(agency=agency, data=fields, targets=targets, position_types=types,
                                               programme=current)
                        by_title[_title_key(saved.title, saved.method_id)] = saved  # later rows must not copy it
                    if current is None:
                        report.created += 1
                    else:
                        report.updated += 1
                except ValueError as exc:
                    report.errors.append(RowError(number, "", code, str(exc)))
                except ValidationError as exc:
                    for field_name, messages in exc.message_dict.items() if hasattr(exc, "error_dict") else [
                            ("", exc.messages)]:
                        report.errors.append(RowError(number, field_name, code, "; ".join(messages)))
            if report.errors and not skip_invalid:
                raise _Rollback
            report.skipped = report.invalid_rows
            if dry_run:
                raise _Rollback
            report.written = True
    except _Rollback:
        report.written = False
        if report.errors and not skip_invalid:
            report.created = report.updated = 0
    return report


class _Rollback(Exception):
    pass


def _keep_absent(current: Programme, cols: dict[str, int], fields: dict, targets: list, types: list[str],
                 provider_name: str) -> tuple[list, list[str], str]:
    """Fill the fields whose column the file lacks with `current`'s stored values (see KEPT_WHEN_ABSENT)."""
    for key, field_name in KEPT_WHEN_ABSENT.items():
        if key not in cols:
            value = getattr(current, field_name)
            fields[field_name] = list(value or []) if key == "statuses" else value
    if "competencies" not in cols:
        targets = [(t.competency, t.uplift) for t in current.targets.all()]
    if "position_types" not in cols:
        types = [e.position_type for e in current.eligibilities.all()]
    if "provider" not in cols:
        provider_name = current.provider.name if current.provider else ""
    return targets, types, provider_name


def _fill_empty_cells(fields: dict, current: Programme | None, cols: dict[str, int]) -> None:
    """Settle the empty cells of the KEPT_WHEN_EMPTY columns. An existing programme keeps its stored value (a blank
    Kapasitas is not "back to 30", a blank Aktif not "active again"). A new programme needs the value written when
    the programme form requires it (levels, cost, capacity, mode); a column absent from the file, or a field the
    form leaves optional (Wajib, Aktif), gives the model default."""
    column_of = {field_name: key for key, field_name in KEPT_WHEN_ABSENT.items()}
    required = []
    for field_name, label in KEPT_WHEN_EMPTY.items():
        if fields[field_name] is not None:
            continue
        if current is not None:
            fields[field_name] = getattr(current, field_name)
        elif column_of[field_name] in cols and ProgrammeForm.base_fields[field_name].required:
            required.append(label)
        else:
            fields[field_name] = Programme._meta.get_field(field_name).default
    if required:
        fields_text = ", ".join(required)
        if KEPT_WHEN_EMPTY["cost_per_participant"] in required:
            raise ValueError(
                _("%(fields)s wajib diisi untuk program baru (tulis 0 bila tanpa biaya)") % {"fields": fields_text}
            )
        raise ValueError(_("%(fields)s wajib diisi untuk program baru") % {"fields": fields_text})


def _as_export(fields, targets, types, provider_name) -> list[Any]:
    return [
        fields.get("code", ""), fields["title"], fields["method"].code, fields["method"].name, provider_name,
        "; ".join(f"{c.code}:{u}" for c, u in targets), fields["min_level"], fields["max_level"],
        ", ".join(sorted(types)), fields["jp"], fields["cost_per_participant"], fields["capacity_per_session"],
        str(Delivery(fields["delivery"]).label), "Ya" if fields["mandatory"] else "Tidak",
        fields["curriculum_reference"],
        "" if fields["effectiveness_override"] is None else str(fields["effectiveness_override"]),
        "Ya" if fields["active"] else "Tidak", fields["description"], ", ".join(fields["employee_statuses"]),
    ]
