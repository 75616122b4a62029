"""The remaining job families of the org demo (renbang/org/demo/positions.py): three technical competencies each."""

from __future__ import annotations

#: Further families of the org demo, three competencies each (same shape as FAMILIES).
MORE_FAMILIES: list[tuple[str, str, tuple[str, ...], list[tuple[str, str, str, list[str]]]]] = [
    ("TPU", "Teknik dan Pekerjaan Umum", ("teknik", "pekerjaan umum"), [
        ("1", "Perencanaan Teknis Infrastruktur", "Kemampuan menyusun desain dan rencana anggaran biaya jalan, "
         "drainase dan bangunan gedung.",
         ["Mengukur dan menggambar kondisi lapangan", "Menyusun gambar teknis dan RAB sederhana",
          "Merancang infrastruktur sesuai standar teknis", "Mereviu desain dan mengendalikan mutu perencanaan",
          "Menetapkan rencana induk infrastruktur kota"]),
        ("2", "Pengawasan Konstruksi", "Kemampuan mengawasi pelaksanaan pekerjaan konstruksi sesuai kontrak.",
         ["Mencatat kemajuan pekerjaan harian", "Memeriksa mutu bahan dan volume pekerjaan",
          "Mengendalikan jadwal, mutu dan biaya proyek", "Mengelola serah terima dan penyelesaian sengketa kontrak",
          "Merumuskan kebijakan pengendalian mutu konstruksi daerah"]),
        ("3", "Penataan Ruang dan Bangunan", "Kemampuan menerapkan rencana tata ruang dan persetujuan bangunan "
         "gedung (PBG).",
         ["Memeriksa kesesuaian berkas PBG", "Menilai kesesuaian bangunan dengan rencana tata ruang",
          "Menganalisis pelanggaran pemanfaatan ruang", "Mengkoordinasikan penertiban pemanfaatan ruang",
          "Merumuskan rencana detail tata ruang kota"]),
    ]),
    ("SOS", "Sosial dan Pemberdayaan", ("sosial", "pemberdayaan"), [
        ("1", "Rehabilitasi dan Perlindungan Sosial", "Kemampuan menangani penyandang masalah kesejahteraan sosial.",
         ["Menjangkau dan mendata PMKS", "Melaksanakan asesmen dan rujukan layanan sosial",
          "Mengelola kasus rehabilitasi sosial", "Mengkoordinasikan jejaring layanan perlindungan sosial",
          "Merumuskan kebijakan perlindungan sosial daerah"]),
        ("2", "Pengelolaan Data Terpadu Kesejahteraan Sosial", "Kemampuan memutakhirkan dan memakai DTKS untuk "
         "bantuan sosial tepat sasaran.",
         ["Memasukkan usulan perubahan data DTKS", "Memverifikasi dan memvalidasi data penerima",
          "Menganalisis ketepatan sasaran bantuan", "Mengendalikan pemutakhiran DTKS lintas kecamatan",
          "Menetapkan kebijakan penyaluran bantuan sosial"]),
        ("3", "Pemberdayaan Masyarakat", "Kemampuan memfasilitasi kelompok masyarakat dan perempuan serta "
         "perlindungan anak.",
         ["Memfasilitasi pertemuan kelompok masyarakat", "Mendampingi kegiatan kelompok usaha dan PKK",
          "Merancang program pemberdayaan berbasis kebutuhan", "Mengevaluasi dampak program pemberdayaan",
          "Merumuskan strategi pemberdayaan masyarakat kota"]),
    ]),
    ("PEM", "Pemerintahan", ("pemerintahan", "kecamatan", "kelurahan"), [
        ("1", "Penyelenggaraan Pemerintahan Kewilayahan", "Kemampuan menyelenggarakan urusan pemerintahan di "
         "kecamatan dan kelurahan.",
         ["Melayani administrasi warga di kelurahan", "Menyusun laporan penyelenggaraan pemerintahan kelurahan",
          "Mengkoordinasikan kegiatan lintas sektor di wilayah", "Mengendalikan pelayanan dan pembangunan kecamatan",
          "Merumuskan kebijakan pemerintahan kewilayahan"]),
        ("2", "Pelayanan Administrasi Terpadu Kecamatan", "Kemampuan menyelenggarakan PATEN dan pelayanan publik "
         "di wilayah.",
         ["Menerima dan memeriksa berkas layanan", "Memproses layanan sesuai standar pelayanan",
          "Menangani pengaduan layanan", "Mengelola standar dan survei kepuasan layanan",
          "Merumuskan inovasi pelayanan publik kewilayahan"]),
        ("3", "Fasilitasi Musyawarah Pembangunan", "Kemampuan memfasilitasi musrenbang kelurahan dan kecamatan.",
         ["Menyiapkan bahan musyawarah", "Memandu musyawarah warga", "Menyusun prioritas usulan pembangunan",
          "Mengawal usulan hingga dokumen perencanaan", "Merumuskan kebijakan partisipasi masyarakat"]),
    ]),
    ("HKM", "Hukum", ("hukum",), [
        ("1", "Perancangan Produk Hukum Daerah", "Kemampuan menyusun rancangan perda, perwal dan keputusan.",
         ["Menyiapkan bahan dan referensi peraturan", "Menyusun draf produk hukum sesuai teknik perundang-undangan",
          "Mengharmonisasi rancangan dengan peraturan lebih tinggi", "Memimpin pembahasan rancangan perda",
          "Merumuskan program pembentukan perda"]),
        ("2", "Bantuan dan Advokasi Hukum", "Kemampuan mendampingi pemerintah kota dalam perkara hukum.",
         ["Mengadministrasikan perkara", "Menyusun jawaban dan memori perkara sederhana",
          "Mewakili pemerintah kota di persidangan", "Mengelola strategi penanganan perkara",
          "Merumuskan kebijakan pencegahan sengketa hukum"]),
        ("3", "Dokumentasi dan Informasi Hukum", "Kemampuan mengelola JDIH dan penyebarluasan produk hukum.",
         ["Mengunggah produk hukum ke JDIH", "Menyusun abstrak peraturan", "Menganalisis status berlaku peraturan",
          "Mengelola layanan informasi hukum", "Merumuskan kebijakan dokumentasi hukum daerah"]),
    ]),
    ("SDM", "Kepegawaian dan Pengembangan SDM", ("kepegawaian", "sdm"), [
        ("1", "Manajemen Data dan Administrasi ASN", "Kemampuan mengelola data ASN di SIASN dan layanan "
         "kepegawaian.",
         ["Memutakhirkan data pegawai", "Memproses layanan pangkat, pensiun dan mutasi",
          "Menganalisis kebutuhan dan formasi pegawai", "Mengendalikan layanan kepegawaian se-kota",
          "Merumuskan kebijakan manajemen ASN daerah"]),
        ("2", "Pengembangan Kompetensi ASN", "Kemampuan menyusun kebutuhan dan rencana pengembangan kompetensi "
         "(PP 11/2017 Pasal 203–207).",
         ["Menghimpun usulan pengembangan kompetensi", "Menyusun analisis kebutuhan pengembangan kompetensi",
          "Merancang rencana dan anggaran pengembangan kompetensi", "Mengevaluasi efektivitas pengembangan",
          "Merumuskan strategi corporate university daerah"]),
        ("3", "Manajemen Kinerja dan Talenta", "Kemampuan mengelola SKP, penilaian potensi dan manajemen talenta.",
         ["Mengadministrasikan SKP", "Menganalisis hasil penilaian kinerja", "Menyusun kotak talenta (9-box)",
          "Mengelola suksesi dan rencana karier", "Merumuskan kebijakan manajemen talenta"]),
    ]),
    ("WAS", "Pengawasan Internal", ("pengawasan", "inspektorat", "audit"), [
        ("1", "Audit Kinerja dan Keuangan", "Kemampuan melaksanakan audit sesuai standar audit intern pemerintah.",
         ["Mengumpulkan bukti audit sesuai program", "Melaksanakan prosedur audit dan kertas kerja",
          "Menyusun temuan dan rekomendasi audit", "Mengendalikan mutu penugasan audit",
          "Merumuskan kebijakan pengawasan intern"]),
        ("2", "Reviu dan Evaluasi", "Kemampuan mereviu laporan keuangan, RKA dan mengevaluasi SAKIP.",
         ["Menghimpun dokumen reviu", "Melaksanakan reviu sesuai pedoman", "Menilai dan menyimpulkan hasil evaluasi",
          "Memimpin tim reviu dan evaluasi", "Menetapkan strategi penjaminan kualitas"]),
        ("3", "Pengendalian Gratifikasi dan Benturan Kepentingan", "Kemampuan mencegah korupsi melalui SPIP dan "
         "pengendalian gratifikasi.",
         ["Menerima laporan gratifikasi", "Menelaah laporan dan profil risiko", "Menyusun rencana pengendalian",
          "Mengelola program pencegahan korupsi", "Merumuskan kebijakan integritas daerah"]),
    ]),
    ("TAN", "Pertanian, Pangan dan Perikanan", ("pertanian", "pangan", "perikanan"), [
        ("1", "Ketahanan Pangan", "Kemampuan memantau ketersediaan, harga dan keamanan pangan.",
         ["Mencatat harga dan stok pangan", "Menyusun neraca pangan", "Menganalisis kerawanan pangan",
          "Mengkoordinasikan intervensi stabilisasi pangan", "Merumuskan kebijakan ketahanan pangan kota"]),
        ("2", "Penyuluhan Pertanian dan Perikanan", "Kemampuan membina kelompok tani dan pembudidaya ikan.",
         ["Mendata kelompok tani", "Memberikan penyuluhan teknis", "Menyusun programa penyuluhan",
          "Mengevaluasi programa penyuluhan", "Merumuskan strategi penyuluhan daerah"]),
        ("3", "Kesehatan Hewan dan Keamanan Pangan Asal Hewan", "Kemampuan mengendalikan penyakit hewan dan "
         "menjamin pangan asal hewan.",
         ["Memeriksa hewan dan produk hewan", "Melaksanakan vaksinasi dan pengobatan", "Menyelidiki wabah penyakit "
          "hewan", "Mengelola pengawasan rumah potong hewan", "Merumuskan kebijakan kesehatan hewan kota"]),
    ]),
    ("LH", "Lingkungan Hidup", ("lingkungan",), [
        ("1", "Pengelolaan Persampahan", "Kemampuan mengelola sampah dari sumber sampai TPA.",
         ["Melaksanakan pengangkutan sesuai jadwal", "Mengawasi TPS dan bank sampah", "Menganalisis timbulan dan "
          "komposisi sampah", "Mengelola operasional TPA", "Merumuskan strategi pengelolaan sampah kota"]),
        ("2", "Pengendalian Pencemaran", "Kemampuan memantau dan mengendalikan pencemaran air, udara dan tanah.",
         ["Mengambil sampel lingkungan", "Menilai hasil uji laboratorium", "Menyusun rekomendasi pengendalian",
          "Mengelola pengawasan ketaatan usaha", "Merumuskan kebijakan mutu lingkungan"]),
        ("3", "Penilaian Dokumen Lingkungan", "Kemampuan menilai AMDAL, UKL-UPL dan persetujuan lingkungan.",
         ["Memeriksa kelengkapan dokumen", "Menelaah dokumen UKL-UPL", "Menilai AMDAL bersama komisi",
          "Mengelola proses persetujuan lingkungan", "Merumuskan kebijakan kajian lingkungan strategis"]),
    ]),
    ("HUB", "Perhubungan", ("perhubungan", "transportasi"), [
        ("1", "Manajemen dan Rekayasa Lalu Lintas", "Kemampuan mengatur lalu lintas dan fasilitas jalan.",
         ["Mendata volume lalu lintas", "Memasang dan merawat rambu serta marka", "Menganalisis dampak lalu lintas",
          "Mengelola rekayasa lalu lintas kawasan", "Merumuskan rencana induk transportasi kota"]),
        ("2", "Pengujian Kendaraan Bermotor", "Kemampuan menguji kelaikan jalan kendaraan bermotor.",
         ["Memeriksa dokumen kendaraan", "Mengoperasikan alat uji", "Menetapkan hasil uji kelaikan",
          "Mengendalikan mutu unit pengujian", "Merumuskan kebijakan keselamatan kendaraan"]),
        ("3", "Pengelolaan Angkutan Umum dan Terminal", "Kemampuan mengelola trayek, terminal dan layanan "
         "angkutan umum.",
         ["Mencatat kedatangan dan keberangkatan", "Menertibkan operasional terminal", "Mengevaluasi kinerja "
          "trayek", "Mengelola layanan angkutan massal", "Merumuskan kebijakan angkutan umum kota"]),
    ]),
    ("EKO", "Perekonomian dan Penanaman Modal", ("perekonomian", "penanaman modal", "ekonomi", "perdagangan"), [
        ("1", "Pelayanan Perizinan Berusaha", "Kemampuan melayani perizinan berbasis risiko melalui OSS.",
         ["Membantu pemohon mengakses OSS", "Memverifikasi persyaratan izin", "Menganalisis kendala perizinan",
          "Mengelola layanan perizinan terpadu", "Merumuskan kebijakan kemudahan berusaha"]),
        ("2", "Pembinaan UMKM dan Koperasi", "Kemampuan membina usaha mikro, kecil, menengah dan koperasi.",
         ["Mendata UMKM dan koperasi", "Mendampingi legalitas dan pemasaran", "Merancang program pembinaan",
          "Mengevaluasi kemajuan binaan", "Merumuskan strategi pengembangan UMKM kota"]),
        ("3", "Pengelolaan Pasar dan Stabilitas Harga", "Kemampuan mengelola pasar rakyat dan memantau harga.",
         ["Mencatat harga kebutuhan pokok", "Mengelola retribusi dan kebersihan pasar", "Menganalisis gejolak harga",
          "Mengkoordinasikan operasi pasar", "Merumuskan kebijakan perdagangan daerah"]),
    ]),
    ("PAR", "Pariwisata, Kebudayaan dan Olahraga", ("pariwisata", "kebudayaan", "olahraga"), [
        ("1", "Pengembangan Destinasi dan Pemasaran Pariwisata", "Kemampuan mengembangkan dan mempromosikan "
         "destinasi wisata kota.",
         ["Mendata daya tarik wisata", "Menyelenggarakan promosi wisata", "Merancang paket dan kalender event",
          "Mengelola kemitraan industri pariwisata", "Merumuskan rencana induk pariwisata kota"]),
        ("2", "Pelestarian Cagar Budaya dan Kesenian", "Kemampuan melestarikan cagar budaya dan seni Melayu Deli, "
         "Batak dan Tionghoa Medan.",
         ["Mendata objek dan pelaku budaya", "Menyelenggarakan kegiatan kesenian", "Mengkaji nilai cagar budaya",
          "Mengelola program pelestarian", "Merumuskan kebijakan pemajuan kebudayaan"]),
        ("3", "Pembinaan Kepemudaan dan Olahraga", "Kemampuan membina organisasi pemuda dan prestasi olahraga.",
         ["Mendata organisasi dan atlet", "Menyelenggarakan kegiatan olahraga masyarakat",
          "Menyusun program pembinaan atlet", "Mengelola sarana olahraga", "Merumuskan kebijakan keolahragaan"]),
    ]),
    ("NKR", "Ketenagakerjaan", ("ketenagakerjaan", "tenaga kerja", "naker"), [
        ("1", "Penempatan dan Pelatihan Tenaga Kerja", "Kemampuan mempertemukan pencari kerja dan lowongan serta "
         "pelatihan kerja.",
         ["Melayani kartu pencari kerja", "Menyelenggarakan bursa kerja", "Menganalisis pasar kerja",
          "Mengelola pelatihan berbasis kompetensi", "Merumuskan kebijakan perluasan kesempatan kerja"]),
        ("2", "Hubungan Industrial", "Kemampuan memfasilitasi hubungan industrial dan perselisihan.",
         ["Mencatat peraturan perusahaan", "Memfasilitasi perundingan bipartit", "Melakukan mediasi perselisihan",
          "Mengelola pencegahan perselisihan", "Merumuskan kebijakan hubungan industrial daerah"]),
        ("3", "Perlindungan dan Jaminan Sosial Tenaga Kerja", "Kemampuan memastikan kepesertaan jaminan sosial "
         "dan perlindungan pekerja.",
         ["Mendata kepesertaan pekerja", "Mensosialisasikan jaminan sosial", "Menganalisis kepatuhan perusahaan",
          "Mengkoordinasikan perlindungan pekerja rentan", "Merumuskan kebijakan perlindungan tenaga kerja"]),
    ]),
]

#: The org demo's family codes (renbang/org/demo/positions.py JOB_FAMILIES), so that matching is by code.
ORG_CODES = {
    "PDK": "pendidikan", "KES": "kesehatan", "KEU": "keuangan", "TIK": "tik", "PRC": "perencanaan",
    "DKP": "kependudukan", "TRB": "trantib", "DMK": "damkar", "ADM": "adum", "TPU": "teknik", "SOS": "sosial",
    "PEM": "pemerintahan", "HKM": "hukum", "SDM": "kepegawaian", "WAS": "pengawasan", "TAN": "pertanian",
    "LH": "lingkungan", "HUB": "perhubungan", "EKO": "ekonomi", "PAR": "pariwisata", "NKR": "naker",
}
