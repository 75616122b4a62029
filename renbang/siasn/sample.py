"""Data for the fake SIASN: data utama and riwayat in SIASN's shapes (SIASN.md §3), from Renbang employees (the
demo: `manage.py siasn_fake`) or generated (the benchmark). Dates are dd-mm-yyyy as SIASN gives them."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from renbang.people.nip import make_nip

SEX = {"L": "M", "P": "F"}  # SIASN's one-character code; UNVERIFIED which letters (the importer reads both)
EDUCATION = {"sd": "SD", "smp": "SLTP", "sma": "SLTA", "d1": "D-I", "d2": "D-II", "d3": "D-III", "d4": "D-IV",
             "s1": "S-1/Sarjana", "s2": "S-2", "s3": "S-3", "profesi": "Profesi"}
COURSES = ("Bimtek Pengelolaan Arsip Dinamis", "Pelatihan Pelayanan Publik Prima", "Seminar Reformasi Birokrasi",
           "Workshop Penyusunan SKP", "E-Learning Literasi Digital ASN", "Kursus Bahasa Inggris",
           "Sosialisasi Manajemen Risiko", "Pelatihan Teknis Pengadaan Barang/Jasa")


def _d(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def pns_id(nip: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_OID, "pns" + nip).hex


def data_utama_of(employee) -> dict:
    """SIASN's data utama of a Renbang employee (unit and position by name, as SIASN's own export names them)."""
    unit, position = employee.unit, employee.position
    parent = unit.parent if unit is not None and unit.parent_id else None
    return {
        "id": pns_id(employee.nip), "nipBaru": employee.nip, "nipLama": "", "nama": employee.name,
        "gelarDepan": employee.front_title, "gelarBelakang": employee.back_title,
        "jenisKelamin": SEX.get(employee.sex, ""), "tglLahir": _d(employee.birth_date),
        "statusPegawai": employee.status.upper().replace("_", " ") if employee.status else "PNS",
        "golRuangAkhir": employee.rank, "jabatanNama": position.name if position else "",
        "jenisJabatan": position.get_position_type_display() if position else "",
        "unorId": "", "unorNama": unit.name if unit else "", "unorIndukNama": parent.name if parent else "",
        "tmtJabatan": _d(employee.position_since), "emailGov": employee.email,
        "kedudukanPnsNama": "Aktif" if employee.active else "Pensiun",
        "tkPendidikanTerakhir": EDUCATION.get(employee.education, ""),
        "pendidikanTerakhirNama": employee.education_major,
    }


def kursus_items(nip: str, rng: random.Random, year: int, count: int) -> list[dict]:
    items = []
    for i in range(count):
        end = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        days = rng.randint(0, 3)
        items.append({"id": uuid.uuid5(uuid.NAMESPACE_OID, f"kursus{nip}{i}").hex, "jenisDiklatId": str(
            rng.choice((3, 4, 7, 8, 9, 11, 16))), "namaKursus": rng.choice(COURSES),
            "institusiPenyelenggara": "BPSDM Provinsi Sumatera Utara", "jumlahJam": rng.choice((8, 16, 24, 32)),
            "noSertipikat": f"{rng.randint(100, 999)}/BPSDM/{year}", "tahunKursus": year,
            "tanggalKursus": _d(end - dt.timedelta(days=days)), "tanggalSelesaiKursus": _d(end)})
    return items


def diklat_items(nip: str, rng: random.Random, year: int) -> list[dict]:
    end = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return [{"id": uuid.uuid5(uuid.NAMESPACE_OID, f"diklat{nip}").hex, "latihanStrukturalId": "2",
             "latihanStrukturalNama": "Pelatihan Kepemimpinan Pengawas", "nomor": f"PKP/{rng.randint(1, 999)}",
             "tanggal": _d(end - dt.timedelta(days=30)), "tanggalSelesai": _d(end), "tahun": year, "jumlahJam": 140,
             "institusiPenyelenggara": "BPSDM Provinsi Sumatera Utara"}]


def generated(count: int, *, seed: int = 1, year: int = 2026, unit: str = "Dinas Kominfo") -> list[tuple]:
    """`count` synthetic PNS: (data utama, diklat, kursus), deterministic."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not security
    people = []
    for n in range(count):
        sex = rng.choice("LP")
        birth = dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28)
        nip = make_nip(birth, (birth.year + 24, 3), sex, n % 999 + 1)
        data = {"id": pns_id(nip), "nipBaru": nip, "nama": f"Pegawai Contoh {n}", "gelarDepan": "",
                "gelarBelakang": "", "jenisKelamin": SEX[sex], "tglLahir": _d(birth), "statusPegawai": "PNS",
                "golRuangAkhir": rng.choice(("II/c", "III/a", "III/b", "III/c", "IV/a")),
                "jabatanNama": "Pengolah Data", "jenisJabatan": "Pelaksana", "unorId": "", "unorNama": unit,
                "unorIndukNama": "", "tmtJabatan": "", "emailGov": "", "kedudukanPnsNama": "Aktif",
                "tkPendidikanTerakhir": "S-1/Sarjana", "pendidikanTerakhirNama": ""}
        diklat = diklat_items(nip, rng, year) if n % 10 == 0 else []
        people.append((data, diklat, kursus_items(nip, rng, year, rng.randint(0, 3))))
    return people
