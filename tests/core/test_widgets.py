"""PlainSelect: the same <select> as Django's, written in one string."""

from renbang.core.widgets import PlainSelect


def test_it_marks_the_chosen_option_and_escapes_labels():
    widget = PlainSelect(choices=[("", "Semua unit"), (1, "Dinas <Pendidikan>"), (12, "Dinas & Kesehatan")])
    html = widget.render("unit", 12, attrs={"class": "form-select"})
    assert html.startswith('<select class="form-select" name="unit">')
    assert '<option value="12" selected>Dinas &amp; Kesehatan</option>' in html
    assert '<option value="1">Dinas &lt;Pendidikan&gt;</option>' in html
    assert html.count("selected") == 1
    again = widget.render("unit", None)  # the same list again (cached), nothing chosen: "all units" as Django does
    assert again.count("selected") == 1 and '<option value="" selected>Semua unit</option>' in again
