"""Names and academic titles (gelar) for the Kota Medan demo: Medan's communities, roughly in proportion.

Medan is Batak (Toba, Mandailing/Angkola, Karo, Simalungun), Javanese, Malay, Minang, Acehnese, Chinese-
Indonesian, Nias and others (BPS Kota Medan); marga are written after the given name, Karo women often with
"br." (boru). Shares below are a plausible picture of the civil service, not a census.
"""

from __future__ import annotations

import random

_MUSLIM_M = ["Ahmad", "Muhammad", "Rahmat", "Syahrul", "Khairul", "Irwansyah", "Hendra", "Zulkifli", "Fauzi",
             "Rizky", "Arif", "Fadli", "Hasan", "Iqbal", "Ridwan", "Taufik", "Yusuf", "Amri", "Syafrizal", "Azhar",
             "Fikri", "Hamdan", "Imran", "Mahyuddin", "Nurdin", "Ramadhan", "Saiful", "Abdul Rahman", "Aulia",
             "Dedi", "Erwin", "Faisal", "Gunawan", "Hafiz", "Ilham", "Juanda", "Kurniawan", "Lukman", "Rudi",
             "Syahputra", "Wahyu", "Zainal", "Bambang", "Heri", "Indra", "Rahmadsyah", "Zulfikar", "Muslim"]
_MUSLIM_F = ["Siti", "Nur", "Fitri", "Rahmadani", "Aisyah", "Sri Rezeki", "Nurhayati", "Rina", "Yusnita", "Dewi",
             "Fatimah", "Hafsah", "Intan", "Khairunnisa", "Lely", "Maimunah", "Nurul", "Putri", "Rahmah", "Salmah",
             "Syarifah", "Wulan", "Yanti", "Zahara", "Annisa", "Dina", "Erna", "Farida", "Halimah", "Juliani",
             "Kartini", "Laila", "Mariani", "Nadia", "Rosmawati", "Sakinah", "Suryani", "Tuti", "Ulfa", "Zuraidah"]
_MUSLIM_2ND_M = ["Hidayat", "Saputra", "Fadillah", "Syahputra", "Ramadhan", "Hakim", "Rizal", "Fauzan", "Maulana",
                 "Effendi", "Siddik", "Akbar"]
_MUSLIM_2ND_F = ["Aminah", "Hasanah", "Rahayu", "Wahyuni", "Lestari", "Khairani", "Sari", "Anggraini", "Fitriani",
                 "Handayani", "Rahmadhani", "Zahra"]
_CHRISTIAN_M = ["Hotman", "Parlindungan", "Maruli", "Tumpal", "Sahat", "Ronald", "Jhonson", "Daniel", "Samuel",
                "Benny", "Roy", "Fernando", "Rudolf", "Martin", "Hendrik", "Jonatan", "Agus", "Robert", "Saut",
                "Bonar", "Marihot", "Togar", "Poltak", "Rianto", "Frans", "Yosep", "Andreas", "Edison", "Lamhot",
                "Kristian"]
_CHRISTIAN_F = ["Rosdiana", "Tiurma", "Lamria", "Friska", "Yohana", "Martha", "Elisabeth", "Lenny", "Juliana",
                "Debora", "Agustina", "Ruth", "Hotnida", "Rosmeri", "Nurmaida", "Kristina", "Sondang", "Romauli",
                "Natalia", "Maria", "Lasma", "Dameria", "Septiana", "Erika", "Melva", "Santi", "Roslina", "Meliana"]
_KARO_GIVEN_M = ["Ngadep", "Pulung", "Jepta", "Sabar", "Bastanta", "Darwin", "Ferdinan", "Ukur", "Kenan"]
_KARO_GIVEN_F = ["Ninta", "Sehat", "Ngaloken", "Rasmita", "Ramona", "Desi", "Eka", "Mulyana"]
# Javanese names: mostly two parts (e.g. "Budi Santoso"), some single names of the older generation.
_JAVA_M = [f"{a} {b}" for a in ("Budi", "Joko", "Agus", "Eko", "Dwi", "Tri", "Heru", "Bambang", "Sugeng", "Teguh",
                                "Edi", "Puji", "Hadi", "Wahyu", "Yudi", "Bayu", "Andi", "Rudi")
           for b in ("Santoso", "Susilo", "Prasetyo", "Wibowo", "Cahyono", "Purnomo", "Riyadi", "Sutejo", "Handoko",
                     "Rahardjo", "Setiawan", "Nugroho", "Saputro", "Kurniawan")] + [
    "Sutrisno", "Slamet", "Suyanto", "Wagiman", "Sukirman", "Suparman", "Wahyudi", "Suroso", "Sumarno", "Paimin"] * 8
_JAVA_F = [f"{a} {b}" for a in ("Sri", "Dwi", "Tri", "Eka", "Endang", "Rini", "Retno", "Wiwik", "Yuni", "Ani",
                                "Nining", "Puji", "Ratna", "Dyah", "Siti")
           for b in ("Wahyuni", "Lestari", "Handayani", "Astuti", "Rahayu", "Purwanti", "Susanti", "Sulastri",
                     "Kurniasih", "Mulyani", "Palupi", "Ningsih", "Utami")] + [
    "Suharti", "Sumiati", "Ngatini", "Sulastri", "Yuliana", "Suprapti", "Tukinem", "Painem"] * 8
_MINANG_M = ["Afrizal", "Yusra", "Syafrial", "Dasril", "Hendri", "Zulhendri", "Efrizal", "Nofriadi", "Asrul",
             "Rahmat Hidayat"]
_MINANG_F = ["Yusnimar", "Desmiati", "Nofrida", "Yelmi", "Rosnita", "Fitrianti", "Elmiyati", "Syafrida"]
_CHINESE_M = ["Hendra Wijaya", "Suwanto Lim", "Wilson Halim", "Hartono", "Vincent Salim", "Kevin Tanjaya",
              "Sutanto", "Johan Gunawan", "Rudy Hartanto", "Andi Wijaya", "Edy Susanto", "Frengky Tan"]
_CHINESE_F = ["Linda Halim", "Susanti Gunawan", "Lili Suryani", "Yenny", "Elvina Tanjaya", "Winarti Lie",
              "Mellisa", "Jessica Salim", "Lisa Wijaya", "Meiliana", "Vivian Tan", "Sherly"]
_ACEH_M = ["Teuku Rizki", "Teuku Mahdi", "Zulfikar", "Muhammad Iqbal", "Safrizal", "Munawar", "Mukhlis", "Fadhil"]
_ACEH_F = ["Cut Nurul", "Cut Meutia", "Rahmi", "Nurlaila", "Rosnani", "Intan Safira", "Husna", "Marlina"]
_NIAS_M = ["Yosafati", "Fatolosa", "Arozatulo", "Faolo", "Sokhiaro", "Yupiter", "Deskarya"]
_NIAS_F = ["Kristina", "Yuniati", "Sozanolo", "Meiman", "Herlina", "Yarni"]
_MALAY_PREFIX_M = ["Tengku", "Datuk", "Wan"]  # nobility and honorifics some Deli Malay families keep
_MALAY_PREFIX_F = ["Tengku", "Wan", "Syarifah"]

_MARGA = {
    "mandailing": ["Nasution", "Lubis", "Harahap", "Siregar", "Hasibuan", "Daulay", "Rangkuti", "Batubara",
                   "Pulungan", "Hutasuhut", "Ritonga", "Dalimunthe", "Matondang", "Pohan", "Tanjung"],
    "toba": ["Simanjuntak", "Sitompul", "Situmorang", "Simatupang", "Pardede", "Panjaitan", "Hutagalung", "Manurung",
             "Sihombing", "Silalahi", "Tambunan", "Hutapea", "Pasaribu", "Sianturi", "Napitupulu", "Simbolon",
             "Sitorus", "Siahaan", "Marpaung", "Butarbutar", "Lumbantobing", "Nainggolan", "Gultom", "Simamora",
             "Sinaga"],
    "karo": ["Ginting", "Sembiring", "Tarigan", "Perangin-angin", "Karo-karo", "Sitepu", "Barus", "Surbakti",
             "Sinulingga", "Bangun", "Kaban", "Meliala", "Pelawi"],
    "simalungun": ["Purba", "Saragih", "Damanik", "Sinaga", "Girsang", "Sipayung", "Purba Tambak"],
    "nias": ["Zebua", "Harefa", "Gulo", "Laia", "Telaumbanua", "Waruwu", "Hulu", "Zai"],
    "minang": ["Chaniago", "Piliang", "Koto", "Tanjung", "Sikumbang"],
}

# community → (share, male given names, female given names, marga key or None, second-name chance)
COMMUNITIES: dict[str, tuple[float, list[str], list[str], str | None, float]] = {
    "mandailing": (0.16, _MUSLIM_M, _MUSLIM_F, "mandailing", 0.3),
    "toba": (0.16, _CHRISTIAN_M, _CHRISTIAN_F, "toba", 0.0),
    "karo": (0.08, _CHRISTIAN_M + _KARO_GIVEN_M, _CHRISTIAN_F + _KARO_GIVEN_F, "karo", 0.0),
    "simalungun": (0.04, _CHRISTIAN_M, _CHRISTIAN_F, "simalungun", 0.0),
    "melayu": (0.12, _MUSLIM_M, _MUSLIM_F, None, 0.6),
    "jawa": (0.23, _JAVA_M, _JAVA_F, None, 0.0),
    "minang": (0.08, _MINANG_M + _MUSLIM_M[:12], _MINANG_F + _MUSLIM_F[:10], "minang", 0.3),
    "aceh": (0.06, _ACEH_M, _ACEH_F, None, 0.3),
    "tionghoa": (0.03, _CHINESE_M, _CHINESE_F, None, 0.0),
    "nias": (0.04, _NIAS_M + _CHRISTIAN_M[:8], _NIAS_F + _CHRISTIAN_F[:8], "nias", 0.0),
}
_KEYS = list(COMMUNITIES)
_CUM = []
_total = 0.0
for _key in _KEYS:
    _total += COMMUNITIES[_key][0]
    _CUM.append(_total)


def person_name(rng: random.Random, sex: str) -> str:
    """A plausible full name (without gelar) for a man ("L") or woman ("P") of Medan."""
    community = rng.choices(_KEYS, cum_weights=_CUM)[0]
    _share, males, females, marga_key, second = COMMUNITIES[community]
    given = rng.choice(males if sex == "L" else females)
    if second and rng.random() < second and " " not in given:
        given = f"{given} {rng.choice(_MUSLIM_2ND_M if sex == 'L' else _MUSLIM_2ND_F)}"
    if community == "melayu" and rng.random() < 0.08:
        given = f"{rng.choice(_MALAY_PREFIX_M if sex == 'L' else _MALAY_PREFIX_F)} {given}"
    if marga_key is None:
        return given
    if community == "minang" and rng.random() < 0.7:  # most Minang do not carry their suku in their name
        return given
    marga = rng.choice(_MARGA[marga_key])
    if sex == "P" and community in ("karo", "toba", "simalungun") and rng.random() < 0.35:
        return f"{given} br. {marga}"
    return f"{given} {marga}"


# --- gelar ---------------------------------------------------------------------------------------------------
#: Bachelor's (S-1) title and study programme per job family.
S1_BY_FAMILY: dict[str, list[tuple[str, str]]] = {
    "pendidikan": [("S.Pd.", "Pendidikan Guru Sekolah Dasar"), ("S.Pd.", "Pendidikan Matematika"),
                   ("S.Pd.", "Pendidikan Bahasa Indonesia"), ("S.Pd.", "Pendidikan Bahasa Inggris"),
                   ("S.Pd.", "Pendidikan Biologi"), ("S.Pd.", "Pendidikan Jasmani"), ("S.Pd.", "Pendidikan IPA"),
                   ("S.Pd.", "Bimbingan dan Konseling")],
    "kesehatan": [("S.K.M.", "Kesehatan Masyarakat"), ("S.Kep.", "Keperawatan")],
    "keuangan": [("S.E.", "Akuntansi"), ("S.E.", "Manajemen"), ("S.Ak.", "Akuntansi")],
    "tik": [("S.Kom.", "Teknik Informatika"), ("S.Kom.", "Sistem Informasi"), ("S.T.", "Teknik Elektro"),
            ("S.I.Kom.", "Ilmu Komunikasi")],
    "perencanaan": [("S.E.", "Ekonomi Pembangunan"), ("S.T.", "Perencanaan Wilayah dan Kota"), ("S.Si.", "Statistika")],
    "kependudukan": [("S.Kom.", "Sistem Informasi"), ("S.Sos.", "Ilmu Administrasi Negara")],
    "trantib": [("S.H.", "Ilmu Hukum"), ("S.Sos.", "Ilmu Administrasi Negara")],
    "damkar": [("S.T.", "Teknik Sipil"), ("S.Sos.", "Ilmu Administrasi Negara")],
    "adum": [("S.Sos.", "Ilmu Administrasi Negara"), ("S.AP.", "Administrasi Publik"), ("S.E.", "Manajemen"),
             ("S.H.", "Ilmu Hukum"), ("S.IP.", "Ilmu Pemerintahan")],
    "teknik": [("S.T.", "Teknik Sipil"), ("S.T.", "Teknik Lingkungan"), ("S.T.", "Arsitektur")],
    "sosial": [("S.Sos.", "Kesejahteraan Sosial"), ("S.Sos.", "Sosiologi"), ("S.Psi.", "Psikologi")],
    "pemerintahan": [("S.STP.", "Ilmu Pemerintahan (IPDN)"), ("S.IP.", "Ilmu Pemerintahan"),
                     ("S.Sos.", "Ilmu Administrasi Negara")],
    "hukum": [("S.H.", "Ilmu Hukum")],
    "kepegawaian": [("S.Psi.", "Psikologi"), ("S.AP.", "Administrasi Publik"), ("S.Sos.", "Ilmu Administrasi Negara")],
    "pengawasan": [("S.E.", "Akuntansi"), ("S.Ak.", "Akuntansi"), ("S.H.", "Ilmu Hukum")],
    "pertanian": [("S.P.", "Agroteknologi"), ("S.Pi.", "Budidaya Perairan"), ("S.P.", "Agribisnis")],
    "lingkungan": [("S.T.", "Teknik Lingkungan"), ("S.Si.", "Biologi")],
    "perhubungan": [("S.T.", "Teknik Sipil"), ("S.Tr.", "Transportasi Darat")],
    "ekonomi": [("S.E.", "Manajemen"), ("S.E.", "Ekonomi Pembangunan")],
    "pariwisata": [("S.Par.", "Pariwisata"), ("S.E.", "Manajemen"), ("S.S.", "Sastra")],
    "naker": [("S.E.", "Manajemen Sumber Daya Manusia"), ("S.H.", "Ilmu Hukum")],
}
S2_BY_FAMILY = {"pendidikan": "M.Pd.", "kesehatan": "M.Kes.", "keuangan": "M.Ak.", "tik": "M.Kom.", "teknik": "M.T.",
                "hukum": "M.H.", "pemerintahan": "M.Si.", "adum": "M.AP.", "ekonomi": "M.M.", "perencanaan": "M.Si.",
                "lingkungan": "M.Si.", "pertanian": "M.P."}
_S2_OTHER = ["M.Si.", "M.AP.", "M.M."]

#: Series whose holders carry a profession title (profesi) or a specific vocational title (D-III).
SERIES_TITLES: dict[str, tuple[str, str, str, str]] = {
    # series: (front title, back title, education, major)
    "Dokter": ("dr.", "", "profesi", "Pendidikan Dokter"),
    "Dokter Gigi": ("drg.", "", "profesi", "Pendidikan Dokter Gigi"),
    "Apoteker": ("apt.", "S.Farm.", "profesi", "Farmasi"),
    "Perawat:ahli": ("Ns.", "S.Kep.", "profesi", "Keperawatan"),
    "Perawat:terampil": ("", "A.Md.Kep.", "d3", "Keperawatan"),
    "Bidan:ahli": ("", "S.Tr.Keb.", "d4", "Kebidanan"),
    "Bidan:terampil": ("", "A.Md.Keb.", "d3", "Kebidanan"),
    "Tenaga Teknis Kefarmasian:terampil": ("", "A.Md.Farm.", "d3", "Farmasi"),
    "Pranata Laboratorium Kesehatan:terampil": ("", "A.Md.AK.", "d3", "Analis Kesehatan"),
    "Sanitarian:terampil": ("", "A.Md.KL.", "d3", "Kesehatan Lingkungan"),
    "Nutrisionis:terampil": ("", "A.Md.Gz.", "d3", "Gizi"),
    "Perekam Medis:terampil": ("", "A.Md.RMIK.", "d3", "Rekam Medis dan Informasi Kesehatan"),
    "Medik Veteriner": ("drh.", "", "profesi", "Kedokteran Hewan"),
}
SPECIALISTS = ["Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.JP.", "Sp.S.", "Sp.M.", "Sp.Rad.", "Sp.PK."]
D3_MAJORS = ["Manajemen Informatika", "Akuntansi", "Administrasi Perkantoran", "Teknik Sipil", "Kesekretariatan"]
SMA_MAJORS = ["IPA", "IPS", "Teknik Komputer dan Jaringan (SMK)", "Administrasi Perkantoran (SMK)",
              "Akuntansi (SMK)", "Teknik Otomotif (SMK)"]
