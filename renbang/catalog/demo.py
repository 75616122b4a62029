"""Demo catalogue for Kota Medan: providers, ~150 programmes with realistic titles and costs, routine sessions.

Costs are what agencies commonly pay per participant (e-learning Rp0–500 rb, bimtek Rp2–5 jt, PKP/PKA
Rp15–40 jt); JP figures are illustrative. Deterministic and idempotent (programmes are keyed by code).
"""

from __future__ import annotations

from django.db.models import Q

from renbang.competencies.models import Competency, CompetencyType

from .models import Method, Programme, ProgrammeCompetency, ProgrammeEligibility, Provider, RecurrenceRule
from .services import planned_sessions_generate

TARGET = 150

PROVIDERS = [
    ("bkpsdm", "BKPSDM Kota Medan", "internal", "Bidang Pengembangan Kompetensi", "bkpsdm@pemkomedan.go.id"),
    ("kominfo", "Dinas Komunikasi dan Informatika Kota Medan", "internal", "Bidang Aplikasi Informatika", ""),
    ("bpsdm", "BPSDM Provinsi Sumatera Utara", "bpsdm_provinsi", "Bidang Kepemimpinan", ""),
    ("lan", "Lembaga Administrasi Negara (LAN RI)", "lan", "", ""),
    ("kemendagri", "BPSDM Kementerian Dalam Negeri", "kementerian", "", ""),
    ("bkn", "Kantor Regional VI BKN Medan", "kementerian", "", ""),
    ("bpkp", "BPKP Perwakilan Provinsi Sumatera Utara", "kementerian", "", ""),
    ("kominfo_pusat", "BPSDMP Kominfo Medan", "kementerian", "", ""),
    ("bapelkes", "Bapelkes Medan (Kemenkes)", "kementerian", "", ""),
    ("usu", "Universitas Sumatera Utara (USU)", "universitas", "Fakultas Ilmu Sosial dan Ilmu Politik", ""),
    ("uinsu", "Universitas Islam Negeri Sumatera Utara (UINSU)", "universitas", "", ""),
    ("unimed", "Universitas Negeri Medan (UNIMED)", "universitas", "", ""),
    ("polmed", "Politeknik Negeri Medan", "universitas", "", ""),
    ("mitra", "PT Mitra Diklat Nusantara", "vendor", "Bagian Kerja Sama", ""),
    ("sinergi", "Lembaga Pelatihan Sinergi Medan", "vendor", "", ""),
    ("kpk", "KPK – Anti-Corruption Learning Center (ACLC)", "kementerian", "", ""),
]

# title, method, provider, JP, cost (Rp), targets "code:uplift" (T.<KODE> = first technical competency with that
# prefix), position types, delivery, mandatory, curriculum reference
BASE = [
    ("Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)", "KL-STR", "lan", 410, 65_000_000,
     "M.7:1 M.8:1 SK.1:1", "jpt", "blended", True, "Kurikulum Pelatihan Kepemimpinan Nasional (LAN)"),
    ("Pelatihan Kepemimpinan Administrator (PKA)", "KL-STR", "bpsdm", 390, 35_000_000, "M.4:1 M.7:1 M.8:1",
     "administrator", "blended", True, "Kurikulum Pelatihan Kepemimpinan Administrator (LAN)"),
    ("Pelatihan Kepemimpinan Pengawas (PKP)", "KL-STR", "bpsdm", 300, 22_000_000, "M.2:1 M.4:1 M.6:1",
     "pengawas", "blended", True, "Kurikulum Pelatihan Kepemimpinan Pengawas (LAN)"),
    ("Pelatihan Dasar CPNS Golongan III", "KL-MAN", "bpsdm", 400, 12_500_000, "M.1:1 M.5:1 SK.1:1",
     "pelaksana fungsional_keahlian", "blended", True, "Kurikulum Pelatihan Dasar CPNS (LAN)"),
    ("Pelatihan Dasar CPNS Golongan II", "KL-MAN", "bpsdm", 400, 11_000_000, "M.1:1 M.5:1 SK.1:1",
     "pelaksana fungsional_keterampilan", "blended", True, "Kurikulum Pelatihan Dasar CPNS (LAN)"),
    ("Orientasi PPPK Pemerintah Kota Medan", "NK-ELE", "bkpsdm", 30, 0, "M.1:1 M.5:1 SK.1:1", "", "daring",
     True, ""),
    ("Bimtek Penyusunan SKP dan Manajemen Kinerja", "KL-BIM", "bkpsdm", 16, 2_500_000, "M.4:1", "", "tatap_muka",
     False, "PermenPANRB 6/2022"),
    ("Bimtek Penyusunan Anggaran Berbasis Kinerja pada SIPD", "KL-BIM", "kemendagri", 24, 4_000_000, "T.KEU:1",
     "", "tatap_muka", False, ""),
    ("Workshop Tata Naskah Dinas Elektronik (SRIKANDI)", "KL-WOR", "kominfo", 8, 1_000_000, "T.TIK:1 M.3:1", "",
     "tatap_muka", False, ""),
    ("Kursus Microsoft Excel untuk Analisis Data", "KL-KUR", "sinergi", 24, 2_750_000, "T.TIK:1 M.8:1", "",
     "tatap_muka", False, ""),
    ("Pelatihan Rutin TIK Bulanan", "KL-TEK", "kominfo", 4, 0, "T.TIK:1", "", "tatap_muka", False, ""),
    ("E-learning Integritas dan Antikorupsi", "NK-ELE", "kpk", 10, 0, "M.1:1", "", "daring", False, ""),
    ("E-learning Pelayanan Publik Prima (ASN Unggul)", "NK-ELE", "lan", 12, 0, "M.5:1", "", "daring", False, ""),
    ("Coaching Kinerja bagi Atasan Langsung", "NK-COA", "bkpsdm", 12, 0, "M.6:1", "administrator pengawas",
     "tatap_muka", False, ""),
    ("Mentoring Kepemimpinan Pejabat Pengawas", "NK-MEN", "bkpsdm", 20, 0, "M.2:1 M.6:1 M.8:1", "pengawas",
     "tatap_muka", False, ""),
    ("Seminar Budaya Kerja BerAKHLAK dan Reformasi Birokrasi", "KL-SEM", "bkpsdm", 6, 300_000, "M.1:1 SK.1:1", "",
     "tatap_muka", False, ""),
    ("Sosialisasi Disiplin PNS (PP 94/2021)", "KL-SOC", "bkpsdm", 4, 0, "M.1:1", "", "tatap_muka", False, ""),
    ("Pelatihan Public Speaking dan Komunikasi Efektif", "KL-MAN", "mitra", 24, 3_500_000, "M.3:1", "",
     "tatap_muka", False, ""),
    ("Pelatihan Manajemen Perubahan di Sektor Publik", "KL-MAN", "bpsdm", 32, 4_500_000, "M.7:2",
     "administrator pengawas", "tatap_muka", False, ""),
    ("Pelatihan Pengambilan Keputusan Berbasis Data", "KL-MAN", "usu", 32, 5_000_000, "M.8:2", "", "blended",
     False, ""),
    ("Pelatihan Pelayanan Prima", "KL-MAN", "mitra", 24, 3_000_000, "M.5:2", "pelaksana", "tatap_muka", False, ""),
    ("Pelatihan Wawasan Kebangsaan dan Moderasi Beragama", "KL-SOS", "uinsu", 24, 2_000_000, "SK.1:2", "",
     "tatap_muka", False, ""),
    ("Outbound Team Building ASN", "NK-OUT", "sinergi", 16, 1_500_000, "M.2:1", "", "tatap_muka", False, ""),
    ("Patok Banding Inovasi Pelayanan Publik ke Kota Surabaya", "NK-PAT", "bkpsdm", 24, 7_500_000, "M.5:1 M.7:1",
     "administrator pengawas", "tatap_muka", False, ""),
    ("Magang Pengelolaan Keuangan Daerah di BKAD", "NK-MAG", "bkpsdm", 40, 0, "T.KEU:1", "pelaksana",
     "tatap_muka", False, ""),
    ("Komunitas Belajar Analis Kebijakan", "NK-KOM", "bkpsdm", 2, 0, "M.8:1", "fungsional_keahlian",
     "tatap_muka", False, ""),
    ("Belajar Mandiri melalui Platform ASN Unggul", "NK-BMA", "lan", 10, 0, "M.6:1", "", "daring", False, ""),
    ("Pelatihan Jarak Jauh Manajemen ASN", "NK-PJJ", "kemendagri", 40, 1_500_000, "M.4:1", "", "daring", False, ""),
    ("Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "KL-TEK", "mitra", 32, 4_500_000, "T.PBJ:1", "",
     "tatap_muka", False, "Kurikulum LKPP"),
    ("Pelatihan Fungsional Analis Sumber Daya Manusia Aparatur", "KL-FUN", "bkn", 80, 8_000_000, "T.SDM:2",
     "fungsional_keahlian", "blended", False, "Kurikulum instansi pembina (BKN)"),
    ("Pelatihan Pembentukan Auditor Ahli Pertama", "KL-FUN", "bpkp", 200, 15_000_000, "T.AUD:2",
     "fungsional_keahlian", "tatap_muka", False, "Kurikulum instansi pembina (BPKP)"),
    ("Pelatihan Fungsional Perencana Ahli Pertama", "KL-FUN", "bpsdm", 240, 18_000_000, "T.REN:2",
     "fungsional_keahlian", "tatap_muka", False, "Kurikulum instansi pembina (Bappenas)"),
    ("Pelatihan Penjenjangan Pranata Komputer", "KL-FUN", "kominfo_pusat", 80, 6_000_000, "T.TIK:2",
     "fungsional_keahlian fungsional_keterampilan", "blended", False, "Kurikulum instansi pembina (BPS)"),
    ("Bimtek Keamanan Informasi dan Siber", "KL-BIM", "kominfo_pusat", 24, 3_000_000, "T.TIK:1", "", "tatap_muka",
     False, ""),
    ("Kursus Bahasa Inggris untuk ASN", "KL-KUR", "unimed", 60, 4_000_000, "M.3:1", "", "tatap_muka", False, ""),
    ("Tugas Belajar S2 Magister Administrasi Publik", "PEND", "usu", 20, 45_000_000, "M.8:1 M.7:1", "", "tatap_muka",
     False, ""),
    ("Tugas Belajar S2 Perencanaan Wilayah dan Kota", "PEND", "usu", 20, 48_000_000, "T.REN:2", "", "tatap_muka",
     False, ""),
    ("Detasering ke Kementerian Dalam Negeri", "NK-DET", "kemendagri", 80, 9_000_000, "M.7:1", "administrator",
     "tatap_muka", False, ""),
    ("Pertukaran Pegawai dengan PT Bank Sumut", "NK-PTK", "bkpsdm", 40, 0, "M.5:1 M.7:1", "", "tatap_muka", False,
     ""),
    ("Bimtek Pengelolaan Arsip Dinamis", "KL-BIM", "sinergi", 24, 2_500_000, "T.ARS:1", "pelaksana",
     "tatap_muka", False, ""),
    ("Bimtek Penyusunan Laporan Keuangan Berbasis SAP Akrual", "KL-BIM", "bpkp", 32, 4_500_000, "T.KEU:1", "",
     "tatap_muka", False, ""),
    ("Bimtek Pengelolaan Barang Milik Daerah", "KL-BIM", "mitra", 24, 3_750_000, "T.KEU:1", "", "tatap_muka", False,
     ""),
    ("Bimtek Penyusunan Standar Pelayanan Publik", "KL-BIM", "bkpsdm", 16, 2_000_000, "M.5:1", "", "tatap_muka",
     False, ""),
    ("Penataran Pengelolaan Administrasi Kelurahan", "KL-PEN", "bkpsdm", 16, 1_200_000, "M.5:1", "pelaksana",
     "tatap_muka", False, ""),
    ("Pelatihan Teknis Penanggulangan Kebakaran dan Penyelamatan", "KL-TEK", "bpsdm", 48, 5_000_000, "T.DAM:2",
     "pelaksana fungsional_keterampilan", "tatap_muka", False, ""),
    ("Pelatihan Teknis Pelayanan Administrasi Kependudukan (SIAK)", "KL-TEK", "kemendagri", 32, 3_500_000,
     "T.DUK:1", "pelaksana", "tatap_muka", False, ""),
    ("Pelatihan Manajemen Puskesmas", "KL-TEK", "bapelkes", 40, 4_800_000, "T.KES:1", "", "tatap_muka", False,
     "Kurikulum Kemenkes"),
    ("Pelatihan Pelayanan Kesehatan Ibu dan Anak", "KL-TEK", "bapelkes", 40, 4_500_000, "T.KES:2",
     "fungsional_keahlian fungsional_keterampilan", "tatap_muka", False, "Kurikulum Kemenkes"),
    ("Pelatihan Implementasi Kurikulum Merdeka bagi Guru SD", "KL-TEK", "unimed", 32, 2_500_000, "T.PEN:1",
     "fungsional_keahlian", "blended", False, "Kurikulum Kemendikdasmen"),
    ("Workshop Penyusunan Indikator Kinerja Utama", "KL-WOR", "bkpsdm", 16, 1_500_000, "M.4:1",
     "administrator pengawas", "tatap_muka", False, ""),
    ("Workshop Inovasi Pelayanan Publik (SINOVIK)", "KL-WOR", "bkpsdm", 16, 1_500_000, "M.7:1 M.5:1", "",
     "tatap_muka", False, ""),
    ("Kursus Desain Grafis untuk Kehumasan", "KL-KUR", "polmed", 32, 3_200_000, "T.TIK:1", "pelaksana",
     "tatap_muka", False, ""),
    ("Kursus Analisis Data dengan Python", "KL-KUR", "usu", 40, 4_500_000, "T.TIK:2", "", "blended", False, ""),
    ("E-learning Literasi Digital ASN", "NK-ELE", "kominfo_pusat", 8, 0, "T.TIK:1", "", "daring", False, ""),
    ("E-learning Manajemen Risiko Sektor Publik", "NK-ELE", "bpkp", 12, 350_000, "M.8:1", "", "daring", False, ""),
    ("Bimbingan di Tempat Kerja: Pelayanan Mal Pelayanan Publik", "NK-BTK", "bkpsdm", 12, 0, "M.5:1", "pelaksana",
     "tatap_muka", False, ""),
    ("Klinik Coaching Penyusunan SKP", "NK-COA", "bkpsdm", 4, 0, "M.4:1", "", "tatap_muka", False, ""),
]

ROUTINES = {  # title → (weekday 0=Monday, nth)
    "Pelatihan Rutin TIK Bulanan": (1, 2),
    "Klinik Coaching Penyusunan SKP": (3, -1),
    "Komunitas Belajar Analis Kebijakan": (2, 3),
}

TECH_VARIANTS = [
    ("Bimtek {name}", "KL-BIM", 24, (2_000_000, 5_000_000), 1, "tatap_muka"),
    ("Pelatihan Teknis {name}", "KL-TEK", 40, (3_500_000, 6_500_000), 2, "blended"),
    ("E-learning {name}", "NK-ELE", 12, (0, 500_000), 1, "daring"),
]


def _resolve(spec: str, national: dict, technical: list[Competency]) -> list[tuple[Competency, int]]:
    out = []
    for part in spec.split():
        code, _, uplift = part.partition(":")
        competency = national.get(code)
        if competency is None and code.startswith("T."):
            competency = next((c for c in technical if c.code.upper().startswith(code.upper())), None)
        if competency is not None and all(c.pk != competency.pk for c, _u in out):
            out.append((competency, int(uplift or 1)))
    return out


#: Programmes open to some employment statuses only (Programme.employee_statuses): the CPNS basic training is the
#: integrated training of the CPNS probation (PP 11/2017), the orientation is for PPPK.
STATUSES = {"Pelatihan Dasar CPNS Golongan III": ["cpns"], "Pelatihan Dasar CPNS Golongan II": ["cpns"],
            "Orientasi PPPK Pemerintah Kota Medan": ["pppk", "pppk_pw"]}


def seed(ctx) -> None:
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency

    agency = ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
    if agency is None:
        ctx.log("  katalog: instansi demo belum ada; dilewati")
        return
    rng = ctx.rng("catalog")
    providers = {}
    for key, name, kind, contact, email in PROVIDERS:
        providers[key], _ = Provider.objects.update_or_create(agency=agency, name=name, defaults={
            "kind": kind, "contact_person": contact, "email": email, "active": True})
    methods = {m.code: m for m in Method.objects.filter(Q(agency__isnull=True) | Q(agency=agency))
               .order_by("agency_id")}  # agency copies (non-null) sort last and win
    comps = Competency.objects.filter(Q(agency__isnull=True) | Q(agency=agency), active=True)
    national = {c.code: c for c in comps if c.agency_id is None}
    technical = sorted((c for c in comps if c.competency_type == CompetencyType.TECHNICAL), key=lambda c: c.code)

    rows = []
    for (title, method, provider, jp, cost, targets, types, delivery, mandatory, curriculum) in BASE:
        rows.append((title, method, provider, jp, cost, _resolve(targets, national, technical), types.split(),
                     delivery, mandatory, curriculum))
    for competency in technical:
        for pattern, method, jp, (low, high), uplift, delivery in TECH_VARIANTS:
            if len(rows) >= TARGET:
                break
            cost = rng.randrange(low, high + 1, 250_000) if high else 0
            provider = rng.choice(["bkpsdm", "bpsdm", "mitra", "sinergi", "usu", "polmed"])
            rows.append((pattern.format(name=competency.name), method, provider, jp, cost, [(competency, uplift)],
                         [], delivery, False, ""))
    wave = 2
    while len(rows) < TARGET:  # more intakes (angkatan) of the classical programmes
        for base in [r for r in rows[:len(BASE)] if r[1].startswith("KL-")]:
            if len(rows) >= TARGET:
                break
            rows.append((f"{base[0]} Angkatan {_roman(wave)}", *base[1:]))
        wave += 1

    for index, (title, method, provider, jp, cost, targets, types, delivery, mandatory, curriculum) in enumerate(
            rows, start=1):
        programme, _ = Programme.objects.update_or_create(agency=agency, code=f"KAT-{index:03d}", defaults={
            "title": title[:250], "method": methods[method], "provider": providers[provider], "jp": jp,
            "cost_per_participant": cost, "capacity_per_session": 30 if method.startswith("KL") else 100,
            "delivery": delivery, "mandatory": mandatory, "curriculum_reference": curriculum,
            "min_level": 1, "max_level": 4, "active": True,
            "employee_statuses": STATUSES.get(title.split(" Angkatan ")[0], []),
        })
        ProgrammeCompetency.objects.filter(programme=programme).exclude(
            competency__in=[c for c, _u in targets]).delete()
        for competency, uplift in targets:
            ProgrammeCompetency.objects.update_or_create(programme=programme, competency=competency,
                                                         defaults={"uplift": uplift})
        ProgrammeEligibility.objects.filter(programme=programme).exclude(position_type__in=types).delete()
        for ptype in types:
            ProgrammeEligibility.objects.get_or_create(programme=programme, position_type=ptype)
        if title in ROUTINES:
            weekday, nth = ROUTINES[title]
            rule, _ = RecurrenceRule.objects.update_or_create(programme=programme, defaults={
                "mode": RecurrenceRule.Mode.NTH_WEEKDAY, "weekday": weekday, "nth": nth, "active": True})
            planned_sessions_generate(rule=rule, year=ctx.year)
    ctx.shared["catalog"] = {"programmes": len(rows)}
    ctx.log(f"  katalog: {len(rows)} program, {len(providers)} penyelenggara")


def _roman(n: int) -> str:
    return {2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}.get(n, str(n))
