"""National mapping of LAN development methods (catalog.Method codes) to SIASN's jenis-diklat ids (SIASN.md §2C,
BC jenisDiklat.json: 1 Diklat Struktural … 25 other non-classroom). Structural leadership training goes to
/diklat/save with latihan struktural 8 ("other struktural") until the operator picks the PIM level. Editable."""

from django.db import migrations

KURSUS = {
    "KL-MAN": "5", "KL-TEK": "3", "KL-FUN": "2", "KL-SOS": "6", "KL-SEM": "9", "KL-WOR": "4", "KL-KUR": "11",
    "KL-PEN": "12", "KL-BIM": "8", "KL-SOC": "7", "NK-COA": "14", "NK-MEN": "15", "NK-ELE": "16", "NK-PJJ": "17",
    "NK-DET": "18", "NK-OUT": "19", "NK-PAT": "20", "NK-PTK": "21", "NK-BMA": "22", "NK-KOM": "23", "NK-BTK": "24",
    "NK-MAG": "10",
}
DIKLAT = {"KL-STR": "8"}


def load(apps, schema_editor):
    JenisMapping = apps.get_model("siasn", "JenisMapping")
    for code, jenis in KURSUS.items():
        JenisMapping.objects.update_or_create(agency=None, method_code=code, defaults={
            "target": "kursus", "jenis_diklat_id": jenis, "latihan_struktural_id": ""})
    for code, latihan in DIKLAT.items():
        JenisMapping.objects.update_or_create(agency=None, method_code=code, defaults={
            "target": "diklat", "jenis_diklat_id": "1", "latihan_struktural_id": latihan})


def unload(apps, schema_editor):
    apps.get_model("siasn", "JenisMapping").objects.filter(agency=None).delete()


class Migration(migrations.Migration):
    dependencies = [("siasn", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
