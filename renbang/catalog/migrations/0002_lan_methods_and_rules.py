"""Reference data: the forms of competency development of Peraturan LAN No. 10 Tahun 2018 (Pengembangan
Kompetensi PNS) and default strategy-suggestion rules.

Routes and forms follow the regulation: pendidikan; pelatihan klasikal (11 forms) and pelatihan nonklasikal
(12 forms). The JP conversions (1 JP = 45 minutes, JP per day/activity) and effectiveness values are NOT from the
regulation: they are UNVERIFIED defaults that each agency edits (Renbang shows them as defaults).
The data is frozen here on purpose (a migration must not import app code that may change).
"""

from decimal import Decimal

from django.db import migrations

SOURCE = "Peraturan LAN No. 10 Tahun 2018 tentang Pengembangan Kompetensi PNS"

# code, name, route, basis, minutes_per_jp, jp_per_unit, effectiveness (UNVERIFIED), description
METHODS = [
    ("PEND", "Pendidikan formal (tugas belajar/izin belajar)", "pendidikan", "kegiatan", 45, "20", "0.80",
     "Pemberian tugas belajar atau izin belajar jenjang pendidikan formal."),
    ("KL-STR", "Pelatihan struktural kepemimpinan", "klasikal", "menit", 45, "0", "0.70",
     "PKN Tk. II, PKA, PKP (kepemimpinan nasional, administrator, pengawas)."),
    ("KL-MAN", "Pelatihan manajerial", "klasikal", "menit", 45, "0", "0.65", ""),
    ("KL-TEK", "Pelatihan teknis", "klasikal", "menit", 45, "0", "0.65", ""),
    ("KL-FUN", "Pelatihan fungsional", "klasikal", "menit", 45, "0", "0.65",
     "Pelatihan pembentukan dan penjenjangan jabatan fungsional."),
    ("KL-SOS", "Pelatihan sosial kultural", "klasikal", "menit", 45, "0", "0.55", ""),
    ("KL-SEM", "Seminar/konferensi/sarasehan", "klasikal", "menit", 45, "0", "0.30", ""),
    ("KL-WOR", "Workshop/lokakarya", "klasikal", "menit", 45, "0", "0.50", ""),
    ("KL-KUR", "Kursus", "klasikal", "menit", 45, "0", "0.55", ""),
    ("KL-PEN", "Penataran", "klasikal", "menit", 45, "0", "0.40", ""),
    ("KL-BIM", "Bimbingan teknis", "klasikal", "menit", 45, "0", "0.55", ""),
    ("KL-SOC", "Sosialisasi", "klasikal", "menit", 45, "0", "0.25", ""),
    ("NK-COA", "Coaching", "nonklasikal", "menit", 45, "0", "0.60", ""),
    ("NK-MEN", "Mentoring", "nonklasikal", "menit", 45, "0", "0.60",
     "Pembimbingan oleh pegawai yang lebih senior/berpengalaman."),
    ("NK-ELE", "E-learning", "nonklasikal", "menit", 45, "0", "0.40", ""),
    ("NK-PJJ", "Pelatihan jarak jauh", "nonklasikal", "menit", 45, "0", "0.50", ""),
    ("NK-DET", "Detasering (secondment)", "nonklasikal", "hari", 45, "8", "0.70",
     "Penugasan sementara pada unit/instansi lain."),
    ("NK-OUT", "Pembelajaran alam terbuka (outbound)", "nonklasikal", "hari", 45, "8", "0.30", ""),
    ("NK-PAT", "Patok banding (benchmarking)", "nonklasikal", "hari", 45, "8", "0.45", ""),
    ("NK-PTK", "Pertukaran PNS dengan pegawai swasta/BUMN/BUMD", "nonklasikal", "hari", 45, "8", "0.65", ""),
    ("NK-BMA", "Belajar mandiri (self development)", "nonklasikal", "menit", 45, "0", "0.30", ""),
    ("NK-KOM", "Komunitas belajar (community of practice)", "nonklasikal", "kegiatan", 45, "2", "0.35", ""),
    ("NK-BTK", "Bimbingan di tempat kerja", "nonklasikal", "menit", 45, "0", "0.55", ""),
    ("NK-MAG", "Magang/praktik kerja", "nonklasikal", "hari", 45, "8", "0.65", ""),
]

# name, competency type, min gap, max gap, position types, code prefix, methods (ranked), weight, order, reason
RULES = [
    ("TIK: e-learning atau pelatihan rutin bulanan", "teknis", 1, 4, [], "T.TIK",
     ["NK-ELE", "KL-TEK", "KL-KUR"], "1.20", 5,
     "Kompetensi teknologi informasi berubah cepat: e-learning dan Pelatihan Rutin TIK Bulanan BKPSDM dapat "
     "diikuti kapan saja dengan biaya rendah, dilengkapi kursus untuk kesenjangan yang lebih besar."),
    ("Manajerial, kesenjangan 1 level", "manajerial", 1, 1, [], "",
     ["NK-MEN", "NK-COA", "KL-MAN"], "1.00", 10,
     "Kesenjangan satu level pada kompetensi manajerial paling efisien ditutup dengan mentoring atau coaching "
     "oleh atasan/pejabat yang lebih senior di tempat kerja (model 10:20:70, SE Kepala BKN 3/2022)."),
    ("Manajerial, kesenjangan 2 level atau lebih (pejabat struktural)", "manajerial", 2, 4,
     ["jpt", "administrator", "pengawas"], "",
     ["KL-STR", "KL-MAN", "NK-COA"], "1.10", 20,
     "Kesenjangan besar pada pejabat struktural memerlukan pelatihan kepemimpinan (PKP/PKA/PKN) atau pelatihan "
     "manajerial klasikal, diikuti coaching untuk penerapan di tempat kerja."),
    ("Manajerial, kesenjangan 2 level atau lebih", "manajerial", 2, 4, [], "",
     ["KL-MAN", "NK-COA", "NK-MEN"], "1.00", 30,
     "Kesenjangan lebih dari satu level memerlukan pelatihan klasikal yang terstruktur; coaching atau mentoring "
     "membantu menerapkannya."),
    ("Sosial kultural, kesenjangan 1 level", "sosial_kultural", 1, 1, [], "",
     ["NK-KOM", "NK-MEN", "KL-SOS"], "1.00", 40,
     "Kompetensi sosial kultural tumbuh melalui interaksi: komunitas belajar dan mentoring cukup untuk "
     "kesenjangan satu level."),
    ("Sosial kultural, kesenjangan 2 level atau lebih", "sosial_kultural", 2, 4, [], "",
     ["KL-SOS", "KL-WOR", "NK-KOM"], "1.00", 50,
     "Kesenjangan besar memerlukan pelatihan sosial kultural klasikal atau lokakarya."),
    ("Teknis jabatan fungsional", "teknis", 2, 4, ["fungsional_keahlian", "fungsional_keterampilan"], "",
     ["KL-FUN", "KL-TEK", "NK-MAG"], "1.10", 60,
     "Pejabat fungsional mengikuti pelatihan fungsional sesuai standar kurikulum instansi pembina jabatan."),
    ("Teknis, kesenjangan 1 level", "teknis", 1, 1, [], "",
     ["KL-BIM", "NK-BTK", "NK-ELE"], "1.00", 70,
     "Kesenjangan teknis satu level cukup ditutup dengan bimbingan teknis (bimtek) atau bimbingan di tempat "
     "kerja."),
    ("Teknis, kesenjangan 2 level atau lebih", "teknis", 2, 4, [], "",
     ["KL-TEK", "KL-KUR", "KL-BIM", "NK-MAG"], "1.00", 80,
     "Kesenjangan teknis besar memerlukan pelatihan teknis atau kursus, dapat dilanjutkan magang/praktik kerja."),
]


def load(apps, schema_editor):
    Method = apps.get_model("catalog", "Method")
    SuggestionRule = apps.get_model("catalog", "SuggestionRule")
    for code, name, route, basis, minutes, per_unit, eff, description in METHODS:
        Method.objects.update_or_create(agency=None, code=code, defaults={
            "name": name, "route": route, "jp_basis": basis, "minutes_per_jp": minutes,
            "jp_per_unit": Decimal(per_unit), "effectiveness": Decimal(eff), "description": description,
            "source": SOURCE, "active": True,
        })
    for name, ctype, lo, hi, types, prefix, codes, weight, order, reason in RULES:
        SuggestionRule.objects.update_or_create(agency=None, name=name, defaults={
            "competency_type": ctype, "min_gap": lo, "max_gap": hi, "position_types": types,
            "code_prefix": prefix, "method_codes": codes, "weight": Decimal(weight), "order": order,
            "reason": reason, "active": True,
        })


def unload(apps, schema_editor):
    apps.get_model("catalog", "SuggestionRule").objects.filter(agency=None).delete()
    apps.get_model("catalog", "Method").objects.filter(agency=None, programmes__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
