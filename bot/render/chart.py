"""Charts as PNG bytes, drawn with matplotlib's Agg canvas (no display, no pyplot state,
safe in a worker thread). Names are drawn in a CJK font when the machine has one
(e.g. Debian's fonts-noto-cjk); without one, Chinese glyphs come out as boxes, which is why
every message a chart goes with also lists the names and figures in text."""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Families that draw Chinese, most common first, on Linux, Windows and macOS.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC")


_CJK_FILES = ("notosanscjk", "notosanssc", "sourcehansans", "wqy-", "droidsansfallback",
              "msyh", "simhei", "pingfang")


@lru_cache(maxsize=1)
def fonts() -> list[str]:
    """The font families to draw with: an installed CJK family first, if any."""
    from matplotlib import font_manager

    found = _cjk_family(font_manager)
    if found is None:
        # matplotlib's font cache predates a CJK font installed later: add its files.
        for path in font_manager.findSystemFonts():
            if any(part in path.lower() for part in _CJK_FILES):
                font_manager.fontManager.addfont(path)
        found = _cjk_family(font_manager)
    return ([found] if found else []) + ["DejaVu Sans"]


def _cjk_family(font_manager: Any) -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FAMILIES if f in installed), None)


def bar_chart_png(title: str, labels: Sequence[str], values: Sequence[int]) -> bytes:
    """Draw one horizontal bar per label, its value written beside it; return a PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with warnings.catch_warnings():
        # Without a CJK font each Chinese glyph warns, when measured and when drawn; the
        # boxes are expected then.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from")
        fig = Figure(figsize=(7, 1.4 + 0.35 * max(1, len(labels))), dpi=100)
        FigureCanvasAgg(fig)
        _bars(fig.subplots(), title, labels, values)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


def _bars(ax: Axes, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
    family = fonts()
    rows = list(range(len(labels)))[::-1]  # the first label on top
    bars = ax.barh(rows, list(values), color="#d9534f")
    ax.bar_label(bars, padding=3, fontfamily=family)
    ax.set_yticks(rows, list(labels), fontfamily=family)
    ax.set_title(title, fontfamily=family)
    ax.set_xlim(0, max([*values, 1]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
