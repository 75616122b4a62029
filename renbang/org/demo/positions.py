"""Job families, functional series, pelaksana positions and staffing templates of the Kota Medan demo.

Names follow the PermenPANRB nomenclature of jabatan fungsional and the 2022–2023 pelaksana nomenclature
(e.g. "Penata Layanan Operasional"). Which series exist in which OPD is a plausible picture, not a census.
"""

from __future__ import annotations

JOB_FAMILIES: dict[str, str] = {
    "pendidikan": "Pendidikan",
    "kesehatan": "Kesehatan",
    "keuangan": "Keuangan, Aset dan Pengadaan",
    "tik": "Teknologi Informasi dan Komunikasi",
    "perencanaan": "Perencanaan dan Kebijakan",
    "kependudukan": "Kependudukan dan Pencatatan Sipil",
    "trantib": "Ketertiban Umum dan Perlindungan Masyarakat",
    "damkar": "Pemadam Kebakaran dan Penyelamatan",
    "adum": "Administrasi Umum",
    "teknik": "Teknik dan Pekerjaan Umum",
    "sosial": "Sosial dan Pemberdayaan",
    "pemerintahan": "Pemerintahan",
    "hukum": "Hukum",
    "kepegawaian": "Kepegawaian dan Pengembangan SDM",
    "pengawasan": "Pengawasan Internal",
    "pertanian": "Pertanian, Pangan dan Perikanan",
    "lingkungan": "Lingkungan Hidup",
    "perhubungan": "Perhubungan",
    "ekonomi": "Perekonomian dan Penanaman Modal",
    "pariwisata": "Pariwisata, Kebudayaan dan Olahraga",
    "naker": "Ketenagakerjaan",
}

AHLI = ("pertama", "muda", "madya", "utama")
TERAMPIL = ("pemula", "terampil", "mahir", "penyelia")

# series → (family, keahlian levels, keterampilan levels). Position names: "<series> Ahli <Level>" and
# "<series> <Level>" (PermenPANRB naming).
FUNCTIONAL: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Guru": ("pendidikan", AHLI, ()),
    "Pengawas Sekolah": ("pendidikan", ("muda", "madya", "utama"), ()),
    "Penilik": ("pendidikan", ("pertama", "muda", "madya"), ()),
    "Pamong Budaya": ("pariwisata", ("pertama", "muda"), ()),
    "Dokter": ("kesehatan", AHLI, ()),
    "Dokter Gigi": ("kesehatan", ("pertama", "muda", "madya"), ()),
    "Perawat": ("kesehatan", ("pertama", "muda", "madya"), ("terampil", "mahir", "penyelia")),
    "Bidan": ("kesehatan", ("pertama", "muda", "madya"), ("terampil", "mahir", "penyelia")),
    "Apoteker": ("kesehatan", ("pertama", "muda", "madya"), ()),
    "Tenaga Teknis Kefarmasian": ("kesehatan", (), ("terampil", "mahir", "penyelia")),
    "Pranata Laboratorium Kesehatan": ("kesehatan", ("pertama", "muda"), ("terampil", "mahir", "penyelia")),
    "Sanitarian": ("kesehatan", ("pertama",), ("terampil", "mahir")),
    "Nutrisionis": ("kesehatan", ("pertama",), ("terampil", "mahir")),
    "Perekam Medis": ("kesehatan", (), ("terampil", "mahir")),
    "Administrator Kesehatan": ("kesehatan", ("pertama", "muda", "madya"), ()),
    "Epidemiolog Kesehatan": ("kesehatan", ("pertama", "muda"), ()),
    "Penyuluh Kesehatan Masyarakat": ("kesehatan", ("pertama", "muda"), ()),
    "Analis Kebijakan": ("perencanaan", AHLI, ()),
    "Perencana": ("perencanaan", ("pertama", "muda", "madya"), ()),
    "Statistisi": ("tik", ("pertama", "muda"), ()),
    "Pranata Komputer": ("tik", ("pertama", "muda", "madya"), ("terampil", "mahir", "penyelia")),
    "Pranata Hubungan Masyarakat": ("tik", ("pertama", "muda"), ("terampil", "mahir")),
    "Auditor": ("pengawasan", ("pertama", "muda", "madya"), ()),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": ("pengawasan", ("pertama", "muda", "madya"), ()),
    "Analis Keuangan Pusat dan Daerah": ("keuangan", ("pertama", "muda", "madya"), ()),
    "Pengelola Pengadaan Barang/Jasa": ("keuangan", ("pertama", "muda", "madya"), ()),
    "Analis Sumber Daya Manusia Aparatur": ("kepegawaian", ("pertama", "muda", "madya"), ()),
    "Widyaiswara": ("kepegawaian", AHLI, ()),
    "Arsiparis": ("adum", ("pertama", "muda"), ("terampil", "mahir")),
    "Pustakawan": ("adum", ("pertama", "muda"), ("terampil", "mahir")),
    "Analis Hukum": ("hukum", ("pertama", "muda"), ()),
    "Perancang Peraturan Perundang-undangan": ("hukum", ("pertama", "muda", "madya"), ()),
    "Administrator Database Kependudukan": ("kependudukan", ("pertama", "muda"), ()),
    "Polisi Pamong Praja": ("trantib", ("pertama", "muda"), TERAMPIL),
    "Pemadam Kebakaran": ("damkar", (), TERAMPIL),
    "Analis Kebakaran": ("damkar", ("pertama", "muda"), ()),
    "Pekerja Sosial": ("sosial", ("pertama", "muda"), ("terampil", "mahir")),
    "Penyuluh Sosial": ("sosial", ("pertama", "muda"), ()),
    "Penggerak Swadaya Masyarakat": ("pemerintahan", ("pertama", "muda"), ("terampil", "mahir")),
    "Teknik Jalan dan Jembatan": ("teknik", ("pertama", "muda", "madya"), ()),
    "Teknik Pengairan": ("teknik", ("pertama", "muda"), ()),
    "Teknik Penyehatan Lingkungan": ("teknik", ("pertama", "muda"), ()),
    "Teknik Tata Bangunan dan Perumahan": ("teknik", ("pertama", "muda"), ()),
    "Penata Ruang": ("teknik", ("pertama", "muda"), ()),
    "Penguji Kendaraan Bermotor": ("perhubungan", ("pertama",), ("terampil", "mahir", "penyelia")),
    "Pengendali Dampak Lingkungan": ("lingkungan", ("pertama", "muda", "madya"), ()),
    "Penyuluh Pertanian": ("pertanian", ("pertama", "muda"), ("terampil", "mahir")),
    "Medik Veteriner": ("pertanian", ("pertama", "muda"), ()),
    "Pengawas Koperasi": ("ekonomi", ("pertama", "muda"), ()),
    "Penera": ("ekonomi", (), ("terampil", "mahir")),
    "Penyuluh Perindustrian dan Perdagangan": ("ekonomi", ("pertama", "muda"), ()),
    "Penata Perizinan": ("ekonomi", ("pertama", "muda"), ()),
    "Adyatama Kepariwisataan dan Ekonomi Kreatif": ("pariwisata", ("pertama", "muda"), ()),
    "Mediator Hubungan Industrial": ("naker", ("pertama", "muda"), ()),
    "Instruktur": ("naker", ("pertama", "muda"), ("terampil", "mahir")),
}

# Pelaksana: name → (family, typical education). Education drives gelar and the entry golongan.
PELAKSANA: dict[str, tuple[str, str]] = {
    "Pengadministrasi Perkantoran": ("adum", "sma"),
    "Operator Layanan Operasional": ("adum", "sma"),
    "Pengelola Umum Operasional": ("adum", "sma"),  # the usual post of PPPK paruh waktu (2025)
    "Pengelola Layanan Operasional": ("adum", "d3"),
    "Penata Layanan Operasional": ("adum", "s1"),
    "Pengolah Data dan Informasi": ("tik", "d3"),
    "Penata Kelola Sistem dan Teknologi Informasi": ("tik", "s1"),
    "Penelaah Teknis Kebijakan": ("perencanaan", "s1"),
    "Bendahara": ("keuangan", "s1"),
    "Pengurus Barang": ("keuangan", "d3"),
    "Penata Laporan Keuangan": ("keuangan", "s1"),
}

_OFFICE = [("Pengadministrasi Perkantoran", "", 10), ("Pengolah Data dan Informasi", "", 7),
           ("Penelaah Teknis Kebijakan", "", 6), ("Penata Layanan Operasional", "", 6),
           ("Pengelola Layanan Operasional", "", 5), ("Operator Layanan Operasional", "", 5),
           ("Pengelola Umum Operasional", "", 8)]

# Staffing templates: (series or pelaksana, "ahli"/"terampil"/"" , weight). An OPD's own staff series are
# appended to "kantor" units at weight 8 each kind (see plan.staff_slots).
TEMPLATES: dict[str, list[tuple[str, str, float]]] = {
    "sd": [("Guru", "ahli", 86), ("Pengadministrasi Perkantoran", "", 5), ("Operator Layanan Operasional", "", 5),
           ("Pengelola Umum Operasional", "", 4)],
    "smp": [("Guru", "ahli", 82), ("Pengadministrasi Perkantoran", "", 6), ("Pustakawan", "terampil", 2),
            ("Operator Layanan Operasional", "", 6), ("Pengelola Umum Operasional", "", 4)],
    "puskesmas": [("Dokter", "ahli", 8), ("Dokter Gigi", "ahli", 3), ("Perawat", "terampil", 14),
                  ("Perawat", "ahli", 8),
                  ("Bidan", "terampil", 14), ("Bidan", "ahli", 5), ("Tenaga Teknis Kefarmasian", "terampil", 4),
                  ("Apoteker", "ahli", 2), ("Pranata Laboratorium Kesehatan", "terampil", 4),
                  ("Sanitarian", "terampil", 3), ("Nutrisionis", "terampil", 3), ("Perekam Medis", "terampil", 3),
                  ("Penyuluh Kesehatan Masyarakat", "ahli", 2), ("Administrator Kesehatan", "ahli", 2),
                  ("Pengadministrasi Perkantoran", "", 5), ("Operator Layanan Operasional", "", 4),
                  ("Pengelola Umum Operasional", "", 6)],
    "rsud": [("Dokter", "ahli", 14), ("Perawat", "terampil", 26), ("Perawat", "ahli", 14), ("Bidan", "terampil", 6),
             ("Bidan", "ahli", 2), ("Nutrisionis", "terampil", 2), ("Perekam Medis", "terampil", 4),
             ("Administrator Kesehatan", "ahli", 2), ("Pengadministrasi Perkantoran", "", 4),
             ("Operator Layanan Operasional", "", 4), ("Pengelola Umum Operasional", "", 5)],
    "rs_penunjang": [("Pranata Laboratorium Kesehatan", "terampil", 10), ("Pranata Laboratorium Kesehatan", "ahli", 3),
                     ("Apoteker", "ahli", 5), ("Tenaga Teknis Kefarmasian", "terampil", 12), ("Dokter", "ahli", 3),
                     ("Sanitarian", "terampil", 2), ("Pengadministrasi Perkantoran", "", 3),
                     ("Pengelola Umum Operasional", "", 3)],
    "kantor": _OFFICE,
    "subbag_umum": [*_OFFICE, ("Analis Sumber Daya Manusia Aparatur", "ahli", 5), ("Arsiparis", "terampil", 3),
                    ("Pranata Komputer", "terampil", 3)],
    "subbag_keuangan": [*_OFFICE, ("Analis Keuangan Pusat dan Daerah", "ahli", 6), ("Bendahara", "", 6),
                        ("Pengurus Barang", "", 4), ("Penata Laporan Keuangan", "", 4)],
    "kelurahan": [("Pengadministrasi Perkantoran", "", 10), ("Pengolah Data dan Informasi", "", 5),
                  ("Penata Layanan Operasional", "", 5), ("Operator Layanan Operasional", "", 6),
                  ("Pengelola Umum Operasional", "", 8), ("Penggerak Swadaya Masyarakat", "ahli", 2),
                  ("Penggerak Swadaya Masyarakat", "terampil", 2)],
    "kecamatan": [("Pengadministrasi Perkantoran", "", 8), ("Pengolah Data dan Informasi", "", 4),
                  ("Penata Layanan Operasional", "", 5), ("Penelaah Teknis Kebijakan", "", 3),
                  ("Operator Layanan Operasional", "", 5), ("Pengelola Umum Operasional", "", 6),
                  ("Polisi Pamong Praja", "terampil", 4), ("Analis Kebijakan", "ahli", 2)],
    "trantib": [("Polisi Pamong Praja", "terampil", 60), ("Polisi Pamong Praja", "ahli", 6),
                ("Pengadministrasi Perkantoran", "", 6), ("Pengelola Umum Operasional", "", 10)],
    "damkar": [("Pemadam Kebakaran", "terampil", 70), ("Analis Kebakaran", "ahli", 4),
               ("Pengadministrasi Perkantoran", "", 5), ("Operator Layanan Operasional", "", 6),
               ("Pengelola Umum Operasional", "", 6)],
    "pengujian": [("Penguji Kendaraan Bermotor", "terampil", 20), ("Penguji Kendaraan Bermotor", "ahli", 3),
                  ("Pengadministrasi Perkantoran", "", 5), ("Operator Layanan Operasional", "", 5)],
    "kebersihan": [("Operator Layanan Operasional", "", 20), ("Pengelola Umum Operasional", "", 30),
                   ("Pengadministrasi Perkantoran", "", 4), ("Pengendali Dampak Lingkungan", "ahli", 2)],
}

#: Share of all staff (not heads) per template group: roughly Kota Medan, where teachers and health workers are
#: the bulk (DOMAIN.md sizes; BKN statistics show guru ≈ half of regional ASN).
CATEGORY_OF_TEMPLATE = {
    "sd": "sekolah", "smp": "sekolah", "puskesmas": "puskesmas", "rsud": "rsud", "rs_penunjang": "rsud",
    "kelurahan": "kelurahan", "kecamatan": "kecamatan", "trantib": "trantib", "damkar": "damkar",
}
CATEGORY_SHARE = {"sekolah": 0.50, "puskesmas": 0.12, "rsud": 0.08, "kelurahan": 0.07, "kecamatan": 0.03,
                  "trantib": 0.04, "damkar": 0.03, "kantor": 0.13}


def functional_name(series: str, kind: str, level: str) -> str:
    return f"{series} Ahli {level.title()}" if kind == "ahli" else f"{series} {level.title()}"
