"""Kota Medan as data: perangkat daerah with their bidang/seksi, kecamatan/kelurahan, RSUD, puskesmas, schools.

Sources and honesty notes:
- The 21 kecamatan and their 151 kelurahan are the official list (Permendagri kode wilayah; BPS "Kota Medan
  Dalam Angka"), written from memory and checked against the per-kecamatan counts (total 151).
- The perangkat daerah follow the December 2022 restructuring (Perda Kota Medan on perangkat daerah; DOMAIN.md),
  but the bidang/seksi under each are the usual Permendagri nomenclature, not a copy of each OPD's Perwal:
  plausible, not authoritative. Puskesmas names are real Medan puskesmas as far as known; SD Negeri numbers are
  drawn from Medan's 06xxxx numbering and are illustrative. Everything is editable data (dated units), not rules.
"""

from __future__ import annotations

import random

# (kecamatan, [kelurahan]) — 21 kecamatan, 151 kelurahan.
KECAMATAN: list[tuple[str, list[str]]] = [
    ("Medan Tuntungan", ["Baru Ladang Bambu", "Kemenangan Tani", "Lau Cih", "Mangga", "Namo Gajah", "Sidomulyo",
                         "Simalingkar B", "Simpang Selayang", "Tanjung Selamat"]),
    ("Medan Johor", ["Gedung Johor", "Kedai Durian", "Kwala Bekala", "Pangkalan Masyhur", "Suka Maju",
                     "Titi Kuning"]),
    ("Medan Amplas", ["Amplas", "Bangun Mulia", "Harjosari I", "Harjosari II", "Sitirejo II", "Sitirejo III",
                      "Timbang Deli"]),
    ("Medan Denai", ["Binjai", "Denai", "Medan Tenggara", "Tegal Sari Mandala I", "Tegal Sari Mandala II",
                     "Tegal Sari Mandala III"]),
    ("Medan Area", ["Kotamatsum I", "Kotamatsum II", "Kotamatsum IV", "Pandau Hulu II", "Pasar Merah Timur",
                    "Sei Rengas I", "Sei Rengas Permata", "Sukaramai I", "Sukaramai II", "Tegal Sari I",
                    "Tegal Sari II", "Tegal Sari III"]),
    ("Medan Kota", ["Kotamatsum III", "Mesjid", "Pandau Hulu I", "Pasar Baru", "Pasar Merah Barat", "Pusat Pasar",
                    "Sei Rengas II", "Sitirejo I", "Sudirejo I", "Sudirejo II", "Teladan Barat", "Teladan Timur"]),
    ("Medan Maimun", ["Aur", "Hamdan", "Jati", "Kampung Baru", "Sei Mati", "Sukaraja"]),
    ("Medan Polonia", ["Anggrung", "Madras Hulu", "Polonia", "Sari Rejo", "Suka Damai"]),
    ("Medan Baru", ["Babura", "Darat", "Merdeka", "Padang Bulan", "Petisah Hulu", "Titi Rantai"]),
    ("Medan Selayang", ["Asam Kumbang", "Beringin", "Padang Bulan Selayang I", "Padang Bulan Selayang II",
                        "Sempakata", "Tanjung Sari"]),
    ("Medan Sunggal", ["Babura Sunggal", "Lalang", "Sei Sikambing B", "Simpang Tanjung", "Sunggal",
                       "Tanjung Rejo"]),
    ("Medan Helvetia", ["Cinta Damai", "Dwi Kora", "Helvetia", "Helvetia Tengah", "Helvetia Timur",
                        "Sei Sikambing C II", "Tanjung Gusta"]),
    ("Medan Petisah", ["Petisah Tengah", "Sei Putih Barat", "Sei Putih Tengah", "Sei Putih Timur I",
                       "Sei Putih Timur II", "Sei Sikambing D", "Sekip"]),
    ("Medan Barat", ["Glugur Kota", "Karang Berombak", "Kesawan", "Pulo Brayan Kota", "Sei Agul", "Silalas"]),
    ("Medan Timur", ["Durian", "Gaharu", "Gang Buntu", "Glugur Darat I", "Glugur Darat II", "Perintis",
                     "Pulo Brayan Bengkel", "Pulo Brayan Bengkel Baru", "Pulo Brayan Darat I",
                     "Pulo Brayan Darat II", "Sidodadi"]),
    ("Medan Perjuangan", ["Pahlawan", "Pandau Hilir", "Sei Kera Hilir I", "Sei Kera Hilir II", "Sei Kera Hulu",
                          "Sidorame Barat I", "Sidorame Barat II", "Sidorame Timur", "Tegal Rejo"]),
    ("Medan Tembung", ["Bandar Selamat", "Bantan", "Bantan Timur", "Indra Kasih", "Sidorejo", "Sidorejo Hilir",
                       "Tembung"]),
    ("Medan Deli", ["Kota Bangun", "Mabar", "Mabar Hilir", "Tanjung Mulia", "Tanjung Mulia Hilir", "Titi Papan"]),
    ("Medan Labuhan", ["Besar", "Martubung", "Nelayan Indah", "Pekan Labuhan", "Sei Mati", "Tangkahan"]),
    ("Medan Marelan", ["Labuhan Deli", "Paya Pasir", "Rengas Pulau", "Tanah Enam Ratus", "Terjun"]),
    ("Medan Belawan", ["Bagan Deli", "Belawan Bahagia", "Belawan Bahari", "Belawan I", "Belawan II",
                       "Belawan Sicanang"]),
]

#: Seksi of every kecamatan (PP 17/2018 on kecamatan: pemerintahan, trantib, pemberdayaan, kesejahteraan).
KECAMATAN_SEKSI = ["Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pemberdayaan Masyarakat",
                   "Seksi Kesejahteraan Sosial"]

PUSKESMAS = [
    "Amplas", "Bandar Selamat", "Belawan", "Bestari", "Darussalam", "Desa Binjai", "Desa Lalang", "Glugur Darat",
    "Glugur Kota", "Helvetia", "Kampung Baru", "Kedai Durian", "Kota Matsum", "Labuhan", "Mandala", "Martubung",
    "Medan Area Selatan", "Medan Deli", "Medan Denai", "Medan Johor", "Medan Sunggal", "Padang Bulan",
    "Padang Bulan Selayang II", "Pasar Merah", "Pekan Labuhan", "Petisah", "Polonia", "Pulo Brayan", "Rantang",
    "Sei Agul", "Sentosa Baru", "Sering", "Sicanang", "Simalingkar", "Simpang Limun", "Sukaramai", "Tegal Sari",
    "Teladan", "Terjun", "Titi Papan", "Tuntungan",
]
SMP_COUNT = 45
SD_COUNT = 100


def sd_numbers() -> list[int]:
    """SD Negeri numbers in Medan's 06xxxx series; a fixed draw (independent of --seed) so units never move."""
    draw = random.Random("sd-negeri-kota-medan")  # noqa: S311 (illustrative numbering, not security)
    return sorted(draw.sample(range(60780, 60999), 55) + draw.sample(range(64960, 65030), 25)
                  + draw.sample(range(66040, 67250), SD_COUNT - 80))


# Perangkat daerah: (code, name, kind, job family, head position, [(bidang, [seksi …])], staff series).
# kind: dinas/badan/satuan/inspektorat/setwan. Head None → "Kepala <name>". Staff series: the functional
# series and pelaksana that work in this OPD besides general administration (see positions.py).
OPDS: list[tuple[str, str, str, str, str | None, list[tuple[str, list[str]]], list[str]]] = [
    ("setwan", "Sekretariat DPRD", "setwan", "adum", "Sekretaris DPRD", [
        ("Bagian Umum dan Keuangan", ["Subbagian Tata Usaha dan Kepegawaian DPRD", "Subbagian Keuangan DPRD"]),
        ("Bagian Persidangan dan Perundang-undangan", ["Subbagian Rapat dan Risalah",
                                                        "Subbagian Perundang-undangan DPRD"]),
        ("Bagian Fasilitasi Penganggaran dan Pengawasan", ["Subbagian Fasilitasi Penganggaran",
                                                            "Subbagian Fasilitasi Pengawasan"]),
    ], ["Perancang Peraturan Perundang-undangan", "Analis Kebijakan", "Pranata Hubungan Masyarakat"]),
    ("inspektorat", "Inspektorat", "inspektorat", "pengawasan", "Inspektur", [
        ("Inspektur Pembantu Wilayah I", []), ("Inspektur Pembantu Wilayah II", []),
        ("Inspektur Pembantu Wilayah III", []), ("Inspektur Pembantu Wilayah IV", []),
    ], ["Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"]),
    ("disdikbud", "Dinas Pendidikan dan Kebudayaan", "dinas", "pendidikan", None, [
        ("Bidang Pembinaan Sekolah Dasar", ["Seksi Kurikulum dan Penilaian SD", "Seksi Peserta Didik SD",
                                            "Seksi Sarana dan Prasarana SD"]),
        ("Bidang Pembinaan Sekolah Menengah Pertama", ["Seksi Kurikulum dan Penilaian SMP", "Seksi Peserta Didik SMP",
                                                       "Seksi Sarana dan Prasarana SMP"]),
        ("Bidang Guru dan Tenaga Kependidikan", ["Seksi Pendidik dan Tenaga Kependidikan SD",
                                                 "Seksi Pendidik dan Tenaga Kependidikan SMP",
                                                 "Seksi Pendidik dan Tenaga Kependidikan PAUD dan PNF"]),
        ("Bidang Pembinaan PAUD dan Pendidikan Nonformal", ["Seksi Kelembagaan PAUD dan PNF",
                                                            "Seksi Kurikulum PAUD dan PNF"]),
        ("Bidang Kebudayaan", ["Seksi Cagar Budaya dan Permuseuman", "Seksi Kesenian dan Tradisi"]),
    ], ["Pengawas Sekolah", "Penilik", "Pamong Budaya", "Analis Kebijakan"]),
    ("dinkes", "Dinas Kesehatan", "dinas", "kesehatan", None, [
        ("Bidang Kesehatan Masyarakat", ["Seksi Kesehatan Keluarga dan Gizi",
                                         "Seksi Promosi dan Pemberdayaan Masyarakat",
                                         "Seksi Kesehatan Lingkungan, Kerja dan Olahraga"]),
        ("Bidang Pencegahan dan Pengendalian Penyakit", ["Seksi Surveilans dan Imunisasi",
                                                         "Seksi Pengendalian Penyakit Menular",
                                                         "Seksi Penyakit Tidak Menular dan Kesehatan Jiwa"]),
        ("Bidang Pelayanan Kesehatan", ["Seksi Pelayanan Kesehatan Primer", "Seksi Pelayanan Kesehatan Rujukan",
                                        "Seksi Mutu dan Akreditasi Fasilitas Kesehatan"]),
        ("Bidang Sumber Daya Kesehatan", ["Seksi Kefarmasian dan Alat Kesehatan", "Seksi Sumber Daya Manusia Kesehatan",
                                          "Seksi Pembiayaan dan Jaminan Kesehatan"]),
    ], ["Administrator Kesehatan", "Epidemiolog Kesehatan", "Penyuluh Kesehatan Masyarakat", "Apoteker"]),
    ("dpu", "Dinas Pekerjaan Umum", "dinas", "teknik", None, [
        ("Bidang Bina Marga", ["Seksi Pembangunan Jalan dan Jembatan", "Seksi Pemeliharaan Jalan dan Jembatan"]),
        ("Bidang Sumber Daya Air", ["Seksi Drainase", "Seksi Sungai dan Pengendalian Banjir"]),
        ("Bidang Bina Konstruksi", ["Seksi Pembinaan Jasa Konstruksi", "Seksi Pengawasan Mutu Konstruksi"]),
        ("Bidang Air Minum dan Penyehatan Lingkungan", ["Seksi Air Minum", "Seksi Air Limbah Domestik"]),
    ], ["Teknik Jalan dan Jembatan", "Teknik Pengairan", "Teknik Penyehatan Lingkungan"]),
    ("perkimtr", "Dinas Perumahan, Kawasan Permukiman dan Penataan Ruang", "dinas", "teknik", None, [
        ("Bidang Perumahan", ["Seksi Perumahan Formal", "Seksi Perumahan Swadaya"]),
        ("Bidang Kawasan Permukiman", ["Seksi Peningkatan Kualitas Permukiman",
                                       "Seksi Prasarana, Sarana dan Utilitas"]),
        ("Bidang Penataan Ruang", ["Seksi Perencanaan Tata Ruang", "Seksi Pengendalian Pemanfaatan Ruang"]),
        ("Bidang Pertamanan dan Penerangan Jalan Umum", ["Seksi Pertamanan", "Seksi Penerangan Jalan Umum"]),
    ], ["Penata Ruang", "Teknik Tata Bangunan dan Perumahan"]),
    ("dinsos", "Dinas Sosial", "dinas", "sosial", None, [
        ("Bidang Rehabilitasi Sosial", ["Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
                                        "Seksi Rehabilitasi Sosial Penyandang Disabilitas",
                                        "Seksi Rehabilitasi Sosial Tuna Sosial"]),
        ("Bidang Perlindungan dan Jaminan Sosial", ["Seksi Perlindungan Korban Bencana Sosial",
                                                    "Seksi Jaminan Sosial Keluarga"]),
        ("Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin", ["Seksi Pemberdayaan Sosial",
                                                                    "Seksi Penanganan Fakir Miskin"]),
    ], ["Pekerja Sosial", "Penyuluh Sosial"]),
    ("disnaker", "Dinas Tenaga Kerja", "dinas", "naker", None, [
        ("Bidang Pelatihan dan Produktivitas", ["Seksi Pelatihan Kerja", "Seksi Produktivitas Tenaga Kerja"]),
        ("Bidang Penempatan dan Perluasan Kesempatan Kerja", ["Seksi Penempatan Tenaga Kerja",
                                                              "Seksi Informasi Pasar Kerja"]),
        ("Bidang Hubungan Industrial dan Jaminan Sosial", ["Seksi Persyaratan Kerja dan Kelembagaan",
                                                           "Seksi Penyelesaian Perselisihan Hubungan Industrial"]),
    ], ["Mediator Hubungan Industrial", "Instruktur"]),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "kependudukan", None, [
        ("Bidang Pelayanan Pendaftaran Penduduk", ["Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk",
                                                   "Seksi Pendataan Penduduk"]),
        ("Bidang Pelayanan Pencatatan Sipil", ["Seksi Kelahiran", "Seksi Perkawinan dan Perceraian",
                                               "Seksi Perubahan Status Anak, Kewarganegaraan dan Kematian"]),
        ("Bidang Pengelolaan Informasi Administrasi Kependudukan", [
            "Seksi Sistem Informasi Administrasi Kependudukan", "Seksi Pengolahan dan Penyajian Data Kependudukan",
            "Seksi Tata Kelola dan Sumber Daya Manusia Teknologi Informasi"]),
        ("Bidang Pemanfaatan Data dan Inovasi Pelayanan", ["Seksi Kerja Sama Pemanfaatan Data",
                                                           "Seksi Inovasi Pelayanan Adminduk"]),
    ], ["Administrator Database Kependudukan", "Pranata Komputer"]),
    ("dishub", "Dinas Perhubungan", "dinas", "perhubungan", None, [
        ("Bidang Lalu Lintas", ["Seksi Manajemen dan Rekayasa Lalu Lintas", "Seksi Perlengkapan Jalan"]),
        ("Bidang Angkutan", ["Seksi Angkutan Orang", "Seksi Angkutan Barang"]),
        ("Bidang Perparkiran", ["Seksi Pengelolaan Parkir", "Seksi Pengendalian dan Pengawasan Parkir"]),
        ("Bidang Prasarana Perhubungan", ["Seksi Terminal", "Seksi Keselamatan Transportasi"]),
    ], ["Penguji Kendaraan Bermotor"]),
    ("dlh", "Dinas Lingkungan Hidup", "dinas", "lingkungan", None, [
        ("Bidang Tata Lingkungan", ["Seksi Kajian Dampak Lingkungan", "Seksi Pemeliharaan Lingkungan Hidup"]),
        ("Bidang Pengelolaan Sampah dan Limbah B3", ["Seksi Pengurangan Sampah", "Seksi Penanganan Sampah",
                                                     "Seksi Limbah Bahan Berbahaya dan Beracun"]),
        ("Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", ["Seksi Pemantauan Kualitas Lingkungan",
                                                                     "Seksi Pengaduan dan Penegakan Hukum Lingkungan"]),
        ("Bidang Kebersihan", ["Seksi Kebersihan Jalan dan Fasilitas Umum", "Seksi Sarana Prasarana Kebersihan"]),
    ], ["Pengendali Dampak Lingkungan"]),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "dinas", "tik", None, [
        ("Bidang Informasi dan Komunikasi Publik", ["Seksi Pengelolaan Informasi Publik",
                                                    "Seksi Layanan Komunikasi Publik"]),
        ("Bidang Aplikasi Informatika", ["Seksi Pengembangan Aplikasi", "Seksi Layanan E-Government"]),
        ("Bidang Infrastruktur Teknologi Informasi dan Persandian", ["Seksi Infrastruktur Jaringan",
                                                                     "Seksi Persandian dan Keamanan Informasi"]),
        ("Bidang Statistik", ["Seksi Statistik Sektoral", "Seksi Data dan Integrasi"]),
    ], ["Pranata Komputer", "Statistisi", "Pranata Hubungan Masyarakat"]),
    ("dkp3", "Dinas Ketahanan Pangan, Pertanian dan Perikanan", "dinas", "pertanian", None, [
        ("Bidang Ketahanan Pangan", ["Seksi Ketersediaan dan Distribusi Pangan", "Seksi Konsumsi dan Keamanan Pangan"]),
        ("Bidang Pertanian", ["Seksi Tanaman Pangan dan Hortikultura", "Seksi Penyuluhan Pertanian"]),
        ("Bidang Peternakan dan Kesehatan Hewan", ["Seksi Kesehatan Hewan", "Seksi Kesehatan Masyarakat Veteriner"]),
        ("Bidang Perikanan", ["Seksi Perikanan Tangkap", "Seksi Perikanan Budidaya"]),
    ], ["Penyuluh Pertanian", "Medik Veteriner"]),
    ("dkukmpp", "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan", "dinas", "ekonomi", None, [
        ("Bidang Koperasi", ["Seksi Kelembagaan Koperasi", "Seksi Pengawasan Koperasi"]),
        ("Bidang Usaha Mikro", ["Seksi Pemberdayaan Usaha Mikro", "Seksi Pengembangan Kewirausahaan"]),
        ("Bidang Perindustrian", ["Seksi Industri Agro dan Kimia", "Seksi Industri Logam dan Aneka"]),
        ("Bidang Perdagangan", ["Seksi Bina Usaha Perdagangan", "Seksi Metrologi Legal",
                                "Seksi Stabilisasi Harga dan Pasar"]),
    ], ["Pengawas Koperasi", "Penyuluh Perindustrian dan Perdagangan", "Penera"]),
    ("dispar", "Dinas Pariwisata", "dinas", "pariwisata", None, [
        ("Bidang Destinasi Pariwisata", ["Seksi Pengembangan Destinasi", "Seksi Daya Tarik Wisata"]),
        ("Bidang Pemasaran Pariwisata", ["Seksi Promosi Pariwisata", "Seksi Kerja Sama dan Event"]),
        ("Bidang Ekonomi Kreatif", ["Seksi Pengembangan Ekonomi Kreatif", "Seksi Fasilitasi Pelaku Ekonomi Kreatif"]),
    ], ["Adyatama Kepariwisataan dan Ekonomi Kreatif"]),
    ("dispora", "Dinas Pemuda dan Olahraga", "dinas", "pariwisata", None, [
        ("Bidang Kepemudaan", ["Seksi Pemberdayaan Pemuda", "Seksi Kepemimpinan dan Kepeloporan Pemuda"]),
        ("Bidang Olahraga", ["Seksi Pembudayaan Olahraga", "Seksi Peningkatan Prestasi Olahraga"]),
        ("Bidang Sarana dan Prasarana Olahraga", ["Seksi Pengelolaan Prasarana Olahraga", "Seksi Kemitraan Olahraga"]),
    ], ["Analis Kebijakan"]),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "ekonomi", None, [
        ("Bidang Penanaman Modal", ["Seksi Promosi Penanaman Modal", "Seksi Pengendalian Penanaman Modal"]),
        ("Bidang Pelayanan Perizinan", ["Seksi Perizinan Berusaha", "Seksi Perizinan Non-Berusaha",
                                        "Seksi Persetujuan Bangunan Gedung"]),
        ("Bidang Pengaduan, Kebijakan dan Informasi", ["Seksi Pengaduan Layanan", "Seksi Data dan Sistem Informasi"]),
    ], ["Penata Perizinan"]),
    ("damkar", "Dinas Pemadam Kebakaran dan Penyelamatan", "dinas", "damkar", None, [
        ("Bidang Pencegahan Kebakaran", ["Seksi Pencegahan dan Inspeksi", "Seksi Pemberdayaan Masyarakat Siaga"]),
        ("Bidang Operasi Pemadaman dan Penyelamatan", ["Seksi Operasi Pemadaman", "Seksi Penyelamatan dan Evakuasi"]),
        ("Bidang Sarana dan Prasarana Pemadam", ["Seksi Sarana Pemadam", "Seksi Prasarana Pemadam"]),
    ], ["Pemadam Kebakaran", "Analis Kebakaran"]),
    ("satpolpp", "Satuan Polisi Pamong Praja", "satuan", "trantib", None, [
        ("Bidang Penegakan Peraturan Daerah", ["Seksi Pembinaan dan Pengawasan", "Seksi Penyelidikan dan Penyidikan"]),
        ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", ["Seksi Operasi dan Pengendalian",
                                                                 "Seksi Kerja Sama Ketertiban"]),
        ("Bidang Sumber Daya Aparatur Pol PP", ["Seksi Pelatihan Dasar", "Seksi Teknis Fungsional"]),
        ("Bidang Perlindungan Masyarakat", ["Seksi Satuan Linmas", "Seksi Bina Potensi Masyarakat"]),
    ], ["Polisi Pamong Praja"]),
    ("dp3appkb", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
     "dinas", "sosial", None, [
        ("Bidang Pemberdayaan Perempuan", ["Seksi Kualitas Hidup Perempuan", "Seksi Pengarusutamaan Gender"]),
        ("Bidang Perlindungan Anak", ["Seksi Pemenuhan Hak Anak", "Seksi Perlindungan Khusus Anak"]),
        ("Bidang Pengendalian Penduduk dan Keluarga Berencana", ["Seksi Pengendalian Penduduk",
                                                                 "Seksi Keluarga Berencana dan Ketahanan Keluarga"]),
    ], ["Analis Kebijakan", "Pekerja Sosial"]),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan", "dinas", "adum", None, [
        ("Bidang Layanan Perpustakaan", ["Seksi Layanan dan Otomasi", "Seksi Pembudayaan Gemar Membaca"]),
        ("Bidang Pengembangan Koleksi", ["Seksi Pengadaan dan Pengolahan Bahan Pustaka", "Seksi Pelestarian Koleksi"]),
        ("Bidang Kearsipan", ["Seksi Pengelolaan Arsip", "Seksi Pembinaan Kearsipan"]),
    ], ["Pustakawan", "Arsiparis"]),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "badan", "perencanaan", None, [
        ("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", ["Subbidang Pemerintahan",
                                                                     "Subbidang Pembangunan Manusia"]),
        ("Bidang Perencanaan Perekonomian dan Sumber Daya Alam", ["Subbidang Perekonomian",
                                                                  "Subbidang Sumber Daya Alam"]),
        ("Bidang Perencanaan Infrastruktur dan Kewilayahan", ["Subbidang Infrastruktur", "Subbidang Kewilayahan"]),
        ("Bidang Pengendalian, Evaluasi dan Pelaporan", ["Subbidang Pengendalian dan Evaluasi",
                                                         "Subbidang Data dan Pelaporan"]),
    ], ["Perencana", "Analis Kebijakan", "Statistisi"]),
    ("bkad", "Badan Keuangan dan Aset Daerah", "badan", "keuangan", None, [
        ("Bidang Anggaran", ["Subbidang Penyusunan Anggaran", "Subbidang Pengendalian Anggaran"]),
        ("Bidang Perbendaharaan", ["Subbidang Belanja", "Subbidang Kas Daerah"]),
        ("Bidang Akuntansi", ["Subbidang Akuntansi dan Pelaporan", "Subbidang Verifikasi"]),
        ("Bidang Aset Daerah", ["Subbidang Penatausahaan Aset", "Subbidang Pemanfaatan dan Pengamanan Aset"]),
    ], ["Analis Keuangan Pusat dan Daerah", "Bendahara", "Pengurus Barang"]),
    ("bapenda", "Badan Pendapatan Daerah", "badan", "keuangan", None, [
        ("Bidang Pendataan dan Penetapan", ["Subbidang Pendataan Pajak Daerah", "Subbidang Penetapan Pajak Daerah"]),
        ("Bidang Pajak Bumi dan Bangunan", ["Subbidang Pendataan dan Penilaian PBB", "Subbidang Pelayanan PBB"]),
        ("Bidang Penagihan dan Keberatan", ["Subbidang Penagihan", "Subbidang Keberatan dan Pengurangan"]),
        ("Bidang Pengembangan dan Pengendalian", ["Subbidang Pengembangan Pendapatan",
                                                  "Subbidang Pengendalian dan Evaluasi Pendapatan"]),
    ], ["Analis Keuangan Pusat dan Daerah", "Pranata Komputer"]),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "kepegawaian", None, [
        ("Bidang Pengadaan, Pemberhentian dan Informasi", ["Subbidang Pengadaan dan Pemberhentian",
                                                           "Subbidang Data dan Sistem Informasi Kepegawaian"]),
        ("Bidang Mutasi dan Promosi", ["Subbidang Mutasi", "Subbidang Promosi dan Kepangkatan"]),
        ("Bidang Pengembangan Kompetensi Aparatur", ["Subbidang Perencanaan Pengembangan Kompetensi",
                                                     "Subbidang Pelaksanaan dan Evaluasi Pengembangan Kompetensi"]),
        ("Bidang Penilaian Kinerja dan Penghargaan", ["Subbidang Penilaian Kinerja",
                                                      "Subbidang Disiplin dan Penghargaan"]),
    ], ["Analis Sumber Daya Manusia Aparatur", "Widyaiswara", "Pranata Komputer"]),
    ("brida", "Badan Riset dan Inovasi Daerah", "badan", "perencanaan", None, [
        ("Bidang Riset", ["Subbidang Riset Sosial dan Pemerintahan", "Subbidang Riset Ekonomi dan Pembangunan"]),
        ("Bidang Inovasi", ["Subbidang Inovasi Daerah", "Subbidang Kekayaan Intelektual dan Teknologi"]),
        ("Bidang Kemitraan Riset dan Inovasi", ["Subbidang Kerja Sama Riset", "Subbidang Diseminasi"]),
    ], ["Analis Kebijakan", "Perencana"]),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "badan", "pemerintahan", None, [
        ("Bidang Ideologi dan Wawasan Kebangsaan", ["Subbidang Ideologi", "Subbidang Wawasan Kebangsaan"]),
        ("Bidang Politik Dalam Negeri", ["Subbidang Sistem dan Implementasi Politik", "Subbidang Fasilitasi Pemilu"]),
        ("Bidang Ketahanan Ekonomi, Sosial, Budaya dan Ormas", ["Subbidang Ketahanan Sosial Budaya",
                                                               "Subbidang Organisasi Kemasyarakatan"]),
        ("Bidang Kewaspadaan Nasional dan Penanganan Konflik", ["Subbidang Kewaspadaan Dini",
                                                               "Subbidang Penanganan Konflik"]),
    ], ["Analis Kebijakan"]),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "badan", "trantib", "Kepala Pelaksana BPBD", [
        ("Bidang Pencegahan dan Kesiapsiagaan", ["Seksi Pencegahan Bencana", "Seksi Kesiapsiagaan"]),
        ("Bidang Kedaruratan dan Logistik", ["Seksi Kedaruratan", "Seksi Logistik Bencana"]),
        ("Bidang Rehabilitasi dan Rekonstruksi", ["Seksi Rehabilitasi", "Seksi Rekonstruksi"]),
    ], ["Analis Kebijakan"]),
]

#: Sekretariat Daerah: asisten → bagian → subbagian (Permendagri 12/2017 style), family per bagian.
SETDA: list[tuple[str, list[tuple[str, str, list[str]]]]] = [
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", [
        ("Bagian Tata Pemerintahan", "pemerintahan", ["Subbagian Pemerintahan Umum", "Subbagian Otonomi Daerah"]),
        ("Bagian Hukum", "hukum", ["Subbagian Peraturan Perundang-undangan", "Subbagian Bantuan Hukum"]),
        ("Bagian Kesejahteraan Rakyat", "sosial", ["Subbagian Bina Mental dan Keagamaan", "Subbagian Kesejahteraan"]),
    ]),
    ("Asisten Perekonomian dan Pembangunan", [
        ("Bagian Perekonomian dan Sumber Daya Alam", "ekonomi", ["Subbagian Perekonomian", "Subbagian BUMD"]),
        ("Bagian Administrasi Pembangunan", "perencanaan", ["Subbagian Pengendalian Program",
                                                            "Subbagian Evaluasi Pembangunan"]),
        ("Bagian Pengadaan Barang dan Jasa", "keuangan", ["Subbagian Pengelolaan Pengadaan",
                                                          "Subbagian Layanan Pengadaan Secara Elektronik"]),
    ]),
    ("Asisten Administrasi Umum", [
        ("Bagian Umum", "adum", ["Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"]),
        ("Bagian Organisasi", "kepegawaian", ["Subbagian Kelembagaan dan Analisis Jabatan",
                                              "Subbagian Reformasi Birokrasi dan Tata Laksana"]),
        ("Bagian Protokol dan Komunikasi Pimpinan", "tik", ["Subbagian Protokol", "Subbagian Komunikasi Pimpinan"]),
    ]),
]

#: Staff series of each Setda bagian (besides general administration).
SETDA_STAFF = {
    "pemerintahan": ["Analis Kebijakan"], "hukum": ["Analis Hukum", "Perancang Peraturan Perundang-undangan"],
    "sosial": ["Analis Kebijakan"], "ekonomi": ["Analis Kebijakan"], "perencanaan": ["Perencana"],
    "keuangan": ["Pengelola Pengadaan Barang/Jasa"], "adum": ["Arsiparis"],
    "kepegawaian": ["Analis Sumber Daya Manusia Aparatur", "Analis Kebijakan"], "tik": ["Pranata Hubungan Masyarakat"],
}

# Units closed by the December 2022 restructuring (illustrative: the predecessors named in DOMAIN.md's example
# mergers). They stay as dated history with their successor, without employees.
CLOSED_2022 = [
    ("lama-disdik", "Dinas Pendidikan", "dinas", "disdikbud"),
    ("lama-disbud", "Dinas Kebudayaan", "dinas", "disdikbud"),
    ("lama-dkp", "Dinas Ketahanan Pangan", "dinas", "dkp3"),
    ("lama-dpp", "Dinas Pertanian dan Perikanan", "dinas", "dkp3"),
    ("lama-balitbang", "Badan Penelitian dan Pengembangan", "badan", "brida"),
    ("lama-bpkad", "Badan Pengelola Keuangan dan Aset Daerah", "badan", "bkad"),
]
#: OPDs formed by the restructuring carry its date as valid_from.
FORMED_2022 = {"disdikbud", "dkp3", "brida", "bkad"}

#: UPTs (unit pelaksana teknis) of some dinas: (OPD code, name, staff template).
UPTS = [
    ("dishub", "UPT Pengujian Kendaraan Bermotor", "pengujian"),
    ("dishub", "UPT Terminal Terpadu Amplas", "kantor"),
    ("dlh", "UPT Tempat Pemrosesan Akhir Sampah Terjun", "kebersihan"),
    ("damkar", "UPT Pos Pemadam Kebakaran Medan Utara", "damkar"),
    ("damkar", "UPT Pos Pemadam Kebakaran Medan Selatan", "damkar"),
    ("damkar", "UPT Pos Pemadam Kebakaran Medan Timur", "damkar"),
    ("damkar", "UPT Pos Pemadam Kebakaran Medan Barat", "damkar"),
    ("dinsos", "UPT Rumah Singgah dan Rehabilitasi Sosial", "kantor"),
]
