"""The SVG map of the 290 municipalities and the bar chart per county, drawn on the server.

The outlines are projected and simplified once (`build_map`, run by the `build_municipality_map`
command) into `data/municipality_map.json`, committed in the repository; a request only reads
that file (once per process) and joins it with the coverage figures.
"""

import json
import math
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE = DATA_DIR / "municipalities.geojson"
COMPACT = DATA_DIR / "municipality_map.json"

HEIGHT = 1000.0
TOLERANCE = 0.6
LONGITUDE_SCALE = math.cos(math.radians(62))

Point = tuple[float, float]


def _perpendicular_distance(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop points closer than `tolerance` to the line through their neighbours."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        furthest, distance = first, 0.0
        for index in range(first + 1, last):
            current = _perpendicular_distance(points[index], points[first], points[last])
            if current > distance:
                furthest, distance = index, current
        if distance > tolerance:
            keep[furthest] = True
            stack += [(first, furthest), (furthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def build_map(source: Path = SOURCE) -> dict[str, Any]:
    """Project (equirectangular, longitude scaled by cos 62°) and simplify the outlines into
    {"width", "height", "paths": {code: SVG path data}}."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    rings = [(feature["properties"]["id"], ring) for feature in features for ring in _rings(feature["geometry"])]
    xs = [lon * LONGITUDE_SCALE for _code, ring in rings for lon, _lat in ring]
    ys = [-lat for _code, ring in rings for _lon, lat in ring]
    scale = HEIGHT / (max(ys) - min(ys))
    min_x, min_y = min(xs), min(ys)
    paths: dict[str, list[str]] = {}
    for code, ring in rings:
        projected = [
            (round((lon * LONGITUDE_SCALE - min_x) * scale, 1), round((-lat - min_y) * scale, 1)) for lon, lat in ring
        ]
        points = simplify(projected, TOLERANCE)
        if len(points) < 4:
            points = projected
        moves = " ".join(f"{x:g} {y:g}" for x, y in points[:-1])
        paths.setdefault(code, []).append(f"M{moves}Z")
    width = round((max(xs) - min_x) * scale, 1)
    return {"width": width, "height": HEIGHT, "paths": {code: "".join(parts) for code, parts in sorted(paths.items())}}


def write_map(target: Path = COMPACT) -> int:
    data = build_map()
    target.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    return len(data["paths"])


@cache
def municipality_map() -> dict[str, Any]:
    """The compact projected outlines, read once per process."""
    return json.loads(COMPACT.read_text(encoding="utf-8"))


# Drawing ----------------------------------------------------------------------------------

LEVEL_FILLS = {"both": "#1a6b35", "municipal": "#5b9bd5", "police": "#e0a526", "none": "#e6e6e6"}
LEVEL_ORDER = ("both", "municipal", "police", "none")
LEVEL_LABELS = {
    "both": _("both trained"),
    "municipal": _("only a municipal coordinator trained"),
    "police": _("only a police coordinator trained"),
    "none": _("no one trained"),
}


class Shape(NamedTuple):
    code: str
    name: str
    level: str
    fill: str
    d: str
    label: str


def map_shapes(municipalities) -> list[Shape]:
    """One coloured outline per municipality with coverage figures (`code`, `name`, `level`)."""
    paths = municipality_map()["paths"]
    return [
        Shape(
            item.code, item.name, item.level, LEVEL_FILLS[item.level], paths[item.code], str(LEVEL_LABELS[item.level])
        )
        for item in municipalities
        if item.code in paths
    ]


class Segment(NamedTuple):
    level: str
    x: float
    width: float
    fill: str
    count: int


class Bar(NamedTuple):
    label: str
    y: float
    text_y: float
    segments: list[Segment]
    total: int
    value_label: str


BAR_LEFT = 190.0
LABEL_RIGHT = BAR_LEFT - 6
VALUE_LEFT = BAR_LEFT + 300.0 + 6
BAR_WIDTH = 300.0
BAR_HEIGHT = 16.0
BAR_GAP = 6.0


def stacked_bars(groups) -> tuple[list[Bar], float]:
    """Horizontal bars, one per group (`name`, `total` and a count per level), each split by
    coverage level in proportion to the group's municipalities; returns (bars, chart height)."""
    bars = []
    for index, group in enumerate(groups):
        y = index * (BAR_HEIGHT + BAR_GAP)
        x = BAR_LEFT
        segments = []
        for level in LEVEL_ORDER:
            count = getattr(group, level)
            width = BAR_WIDTH * count / group.total if group.total else 0.0
            if count:
                segments.append(Segment(level, round(x, 1), round(width, 1), LEVEL_FILLS[level], count))
            x += width
        bars.append(Bar(group.name, y, y + BAR_HEIGHT * 0.75, segments, group.total, f"{group.both}/{group.total}"))
    return bars, len(bars) * (BAR_HEIGHT + BAR_GAP)


class SimpleBar(NamedTuple):
    label: str
    y: float
    text_y: float
    width: float
    value_label: str
    value_x: float


def simple_bars(items, *, value: str, share: str) -> tuple[list[SimpleBar], float]:
    """Horizontal bars whose length is each item's `share` (0–100) and label its `value`."""
    bars = []
    for index, item in enumerate(items):
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            SimpleBar(
                item.title,
                y,
                y + BAR_HEIGHT * 0.75,
                round(BAR_WIDTH * getattr(item, share) / 100, 1),
                str(getattr(item, value)),
                round(BAR_LEFT + BAR_WIDTH * getattr(item, share) / 100 + 6, 1),
            )
        )
    return bars, len(bars) * (BAR_HEIGHT + BAR_GAP)
