"""Chart data: JSON for Chart.js on the pages, inline SVG (matplotlib) for the PDF. Both draw only what the
anonymity floor lets the page show."""

from __future__ import annotations

from django.utils.translation import gettext as _

SCORE_COLOURS = ["#b02a37", "#e35d6a", "#adb5bd", "#6ea8fe", "#0a58ca"]


def programme_chart_data(results, fields) -> dict | None:
    """Distribution of the 1–5 answers per question (respondents per score), or None below the floor."""
    if not results.shown:
        return None
    return {
        "labels": [str(label).capitalize() for _name, label in fields],
        "series": [{"label": str(score), "color": SCORE_COLOURS[score - 1],
                    "data": [results.summaries[name].counts[score - 1] for name, _label in fields]}
                   for score in range(1, 6)],
    }


def programme_svg(results, fields, settings) -> str:
    """Stacked horizontal bars of the answers (share of respondents per score) as an inline SVG string."""
    if not results.shown:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from renbang.core.pdf import svg_chart

    labels = [str(label).capitalize() for _name, label in fields]
    fig = Figure(figsize=(7.0, 2.4))
    ax = fig.add_subplot()
    left = [0.0] * len(fields)
    for score in range(1, 6):
        shares = [results.summaries[name].counts[score - 1] / results.responses * 100 for name, _label in fields]
        ax.barh(labels, shares, left=left, color=SCORE_COLOURS[score - 1], label=str(score))
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("%% responden (n = %(n)s)") % {"n": results.responses})
    ax.legend(title=_("Skor"), ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.35), fontsize=7,
              title_fontsize=7, frameon=False)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return svg_chart(fig)
