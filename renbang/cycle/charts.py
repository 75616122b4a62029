"""Chart data for the pages (Chart.js reads JSON) and inline SVG for the PDFs (WeasyPrint runs no JavaScript)."""

from __future__ import annotations


def gap_bars(cells: list[dict]) -> dict:
    """Bars = share (%) of the unit's measured employees below standard (the dashboard ranks by it)."""
    return {"labels": [f"{c['competency'].code} · {c['unit'][:28]}" for c in cells],
            "values": [c["share"] for c in cells], "counts": [c["with_gap"] for c in cells]}


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def gap_bars_svg(cells: list[dict], xlabel: str) -> str:
    """Horizontal bars: share (%) of employees below standard per unit × competency, with the head count
    (the dashboard's biggest gaps)."""
    from renbang.core.pdf import svg_chart

    if not cells:
        return ""
    fig = _figure(6.5, 0.35 * len(cells) + 0.8)
    ax = fig.add_subplot()
    labels = [f"{c['competency'].code} · {c['unit'][:34]}" for c in cells][::-1]
    values = [c["share"] for c in cells][::-1]
    counts = [c["with_gap"] for c in cells][::-1]
    ax.barh(labels, values, color="#0b5d4b")
    for y, (v, n) in enumerate(zip(values, counts, strict=True)):
        ax.text(v, y, f" {v}% ({n})", va="center", fontsize=8)
    ax.set_xlim(0, 112)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return svg_chart(fig)


def trend_lines_svg(years: list[int], rows: list[dict], ylabel: str) -> str:
    """One line per row (competency or unit) over the years."""
    from renbang.core.pdf import svg_chart

    if not years or not rows:
        return ""
    fig = _figure(6.5, 3.2)
    ax = fig.add_subplot()
    for row in rows:
        label = row["competency"].code if "competency" in row else row["name"][:30]
        ax.plot([str(y) for y in years], [v if v is not None else float("nan") for v in row["values"]],
                marker="o", label=label)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=7, ncol=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return svg_chart(fig)
