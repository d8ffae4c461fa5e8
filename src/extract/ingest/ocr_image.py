"""Page-image analysis for the OCR engine (numpy + OpenCV, no OCR here).

All sizes are in pixels of the page image; `ppi` (pixels per inch of the page) turns the
settings' inch measures into pixels, so the same settings work at 200 or 300 dpi.

- `deskew`: the rotation (±range, coarse-to-fine down to 0.02°) that maximises the variance of
  the horizontal projection profile of the ink; the page is turned by it.
- `binarize`: adaptive (local mean) threshold, gated by a global one so that paper noise in
  white areas does not become ink.
- `ruling_masks`: morphological opening with a long horizontal / vertical kernel finds ruling
  lines; vertical ones count only when they touch a horizontal one (or are long), so tall glyph
  strokes of big headings are kept.
- `find_grids`: ruled tables as cell grids (line positions clustered; merged cells found where an
  inner border is missing; open-sided tables get their outer edges from the rules' ends).
- `text_bands`: the text lines inside a cell, by the row profile.
- `body_lines`: text lines outside tables, by connected components joined along the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x0, top, x1, bottom (pixels, end exclusive)


@dataclass
class Grid:
    """A ruled table: boundary positions and its cells as (row0, col0, row1, col1) slot ranges
    (inclusive) with their pixel boxes."""

    xs: list[int]
    ys: list[int]
    cells: list[tuple[int, int, int, int, Box]] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _odd(n: float) -> int:
    n = max(3, int(round(n)))
    return n if n % 2 else n + 1


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    return cv2.warpAffine(
        gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def estimate_skew(small: np.ndarray, search: float = 2.0, step: float = 0.1) -> float:
    """The counter-clockwise rotation (degrees) that makes the ink's lines horizontal."""
    ys, xs = np.nonzero(small)
    if len(ys) < 200 or search <= 0:
        return 0.0
    if len(ys) > 300_000:  # enough points for the profile; keep it fast
        k = len(ys) // 300_000 + 1
        ys, xs = ys[::k], xs[::k]
    yc = ys.astype(np.float64) - small.shape[0] / 2.0
    xc = xs.astype(np.float64) - small.shape[1] / 2.0
    pad = small.shape[1] + 4

    def score(angle: float) -> float:
        t = np.deg2rad(angle)
        yr = yc * np.cos(t) - xc * np.sin(t)
        idx = np.rint(yr + small.shape[0] / 2.0 + pad).astype(np.int64)
        counts = np.bincount(idx).astype(np.float64)
        return float((counts * counts).sum())

    def best(lo: float, hi: float, st: float) -> float:
        lo, hi = max(lo, -search), min(hi, search)
        n = int(round((hi - lo) / st))
        cands = [lo + i * st for i in range(n + 1)]
        # ties (a blank or symmetric page) go to the smallest rotation
        return max(cands, key=lambda a: (score(a), -abs(a)))

    coarse = best(-search, search, max(step * 2.5, 0.25))
    fine = best(coarse - 0.3, coarse + 0.3, step)
    finest = best(fine - step, fine + step, step / 5)
    return round(finest, 3)


def binarize(gray: np.ndarray, ppi: float, c: int) -> np.ndarray:
    """Ink mask (255 = ink) of a greyscale page."""
    g = cv2.medianBlur(gray, 3)
    local = cv2.adaptiveThreshold(
        g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _odd(ppi * 0.1), c
    )
    otsu, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    gate = min(235.0, (float(otsu) + 255.0) / 2.0)
    # paper noise is not ink (gate); solid dark areas (■, bold strokes) are ink even where the
    # local mean is dark too
    return np.where((g < gate) & ((local > 0) | (g < min(float(otsu), 128.0))), 255, 0).astype(
        np.uint8
    )


def flatten_paper(
    gray: np.ndarray, ppi: float, white: float = 0.88, grey: float = 0.94
) -> np.ndarray:
    """The page's grey levels divided by its paper's: a photocopy's uneven grey paper (a darker
    field, the binding's shadow) becomes white, and paper at `white` of its level or lighter (a
    scan's noise on it) too; ink keeps its contrast to it. The paper is the brightest level
    within ~0.25 in (wider than any stroke), smoothed. A page whose paper is white is left as it
    is: clipping its light greys would thin the type (the strokes of blurred serif type are
    light grey): the paper is grey where its median is below `grey` of white (a photocopy's
    ~0.89, a scan's 0.99 or more). Ink is never masked."""
    h, w = gray.shape
    f = 4  # the paper varies slowly: estimated at a quarter of the resolution
    small = cv2.resize(gray, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    k = _odd(ppi * 0.25 / f)
    paper = cv2.dilate(small, np.ones((k, k), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), k / 2.0)
    if float(np.median(paper)) >= grey * 255.0:
        return gray  # white paper: its grey levels are the type's own (a clean or blurred scan)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    out = gray.astype(np.float32) * (255.0 / (white * np.maximum(paper, 1.0)))
    return np.clip(out, 0, 255).astype(np.uint8)


def deskew(
    gray: np.ndarray, ppi: float, c: int, search: float, step: float
) -> tuple[np.ndarray, float]:
    h, w = gray.shape
    half = cv2.resize(gray, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    angle = estimate_skew(binarize(half, ppi / 2, c), search, step)
    if abs(angle) < 0.01:
        return gray, 0.0
    return _rotate(gray, angle), angle


def ruling_masks(
    ink: np.ndarray, ppi: float, h_in: float, v_in: float, max_thick_in: float = 0.06
) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling-line masks (255 = rule)."""
    hk, vk = max(8, int(round(ppi * h_in))), max(8, int(round(ppi * v_in)))
    thick = max(3, int(round(ppi * max_thick_in)))
    horiz = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1))
    )
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    horiz = _keep(horiz, lambda x, y, w, h: h <= thick)
    near_h = cv2.dilate(horiz, np.ones((_odd(ppi * 0.03),) * 2, np.uint8))
    long_v = ppi * 0.6

    def vert_ok(x: int, y: int, w: int, h: int) -> bool:
        if w > thick:
            return False
        return h >= long_v or bool(near_h[y : y + h, x : x + w].any())

    accepted = _keep(vert, vert_ok)
    # A table whose rows are all low (small type, tight leading; or one row carried over to the
    # next page) has vertical rules shorter than the kernel: there, a shorter stroke running from
    # one horizontal rule to another counts — only where no rule found crosses those rules (in
    # a table whose rules were found, it is a character's stroke touching two rules), nor
    # another such stroke (a table's rule runs through all its rows; a character's stroke
    # spans one row of them: of two rows and more, a stroke through a row's rule is a rule).
    short = cv2.morphologyEx(
        ink,
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(round(ppi * 0.1))))),
    )
    reach = max(2, int(round(ppi * 0.01)))
    _n, hlab = cv2.connectedComponents(near_h, connectivity=8)
    crossed_by_rule = set(np.unique(hlab[(accepted > 0) & (near_h > 0)]).tolist())
    gap = int(round(ppi * 0.4))
    strokes: list[tuple[Box, set[int], set[int]]] = []  # box, rules at its ends, rules crossed
    for x0, y0, x1, y1 in _segments(short):
        if x1 - x0 > thick or y1 - y0 >= vk:
            continue
        rows = hlab[max(0, y0 - reach) : y1 + reach, x0:x1]
        top, bottom = np.unique(rows[: 2 * reach]), np.unique(rows[-2 * reach :])
        touched = set(np.unique(rows).tolist()) - {0}
        if top.max() == 0 or bottom.max() == 0 or touched & crossed_by_rule:
            continue
        ends = (set(top.tolist()) | set(bottom.tolist())) - {0}
        inner = touched - ends
        if not inner:
            # one row high: a rule only where no rule of a table lies just above or below it
            # (a character's stroke spans one row; a table of one row is read as text)
            col = near_h[:, (x0 + x1) // 2] > 0
            above = col[max(0, y0 - reach - gap) : max(0, y0 - 2 * reach)]
            below = col[y1 + 2 * reach : y1 + reach + gap]
            if (above.any() or below.any()) and not _meets_rules(horiz, (x0, y0, x1, y1), reach):
                continue
        strokes.append(((x0, y0, x1, y1), ends, inner))
    crossed = set().union(*(inner for _box, _ends, inner in strokes))
    found = np.zeros_like(accepted)
    for (x0, y0, x1, y1), ends, _inner in strokes:
        if ends & crossed:
            continue
        found[y0:y1, x0:x1] = np.maximum(found[y0:y1, x0:x1], short[y0:y1, x0:x1])
    return horiz, np.maximum(accepted, found)


def _meets_rules(horiz: np.ndarray, box: Box, reach: int) -> bool:
    """Whether a vertical stroke runs into the horizontal rules at both its ends, its ends
    inside them (a rule joins them; a character set touching one rule stops short of the
    other)."""
    x0, y0, x1, y1 = box
    return bool(horiz[y0 : y0 + reach, x0:x1].any() and horiz[y1 - reach : y1, x0:x1].any())


def _keep(mask: np.ndarray, ok) -> np.ndarray:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np.zeros(n, bool)
    for i in range(1, n):
        x, y, w, h, _a = stats[i]
        keep[i] = ok(int(x), int(y), int(w), int(h))
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _cluster(values: list[float], tol: float) -> list[int]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [int(round(sum(g) / len(g))) for g in out]


def _segments(mask: np.ndarray) -> list[Box]:
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _a in stats[1:n]]


def find_grids(horiz: np.ndarray, vert: np.ndarray, ppi: float, cover: float = 0.6) -> list[Grid]:
    """Ruled tables: each connected set of rules with vertical and horizontal lines."""
    tol = max(3, int(round(ppi * 0.03)))
    min_gap = ppi * 0.06
    rules = cv2.bitwise_or(horiz, vert)
    joined = cv2.dilate(rules, np.ones((_odd(tol), _odd(tol)), np.uint8))
    hsegs, vsegs = _segments(horiz), _segments(vert)
    grids: list[Grid] = []
    for x0, y0, x1, y1 in _segments(joined):
        if x1 - x0 < ppi * 0.3 or y1 - y0 < ppi * 0.12:
            continue
        hs = [s for s in hsegs if x0 <= s[0] and s[2] <= x1 and y0 <= s[1] and s[3] <= y1]
        vs = [s for s in vsegs if x0 <= s[0] and s[2] <= x1 and y0 <= s[1] and s[3] <= y1]
        if not hs or not vs:
            continue  # rules in one direction only: no cell grid (left to body text)
        ys = _merge_close(_cluster([(s[1] + s[3]) / 2 for s in hs], tol), min_gap)
        xs = _merge_close(_cluster([(s[0] + s[2]) / 2 for s in vs], tol), min_gap)
        # open sides: the rules' own ends are the table's edges — where most vertical rules
        # reach past the last horizontal one; one or two that do are a line of type touching
        # the rule under the table (講ずべき施策… set against its bottom rule), no row
        left, right = min(s[0] for s in hs), max(s[2] for s in hs)
        top = _open_end([s[1] for s in vs], ys[0], -1, len(xs), min_gap)
        bottom = _open_end([s[3] for s in vs], ys[-1], 1, len(xs), min_gap)
        if xs[0] - left > min_gap:
            xs.insert(0, left)
        if right - xs[-1] > min_gap:
            xs.append(right)
        if ys[0] - top > min_gap:
            ys.insert(0, top)
        if bottom - ys[-1] > min_gap:
            ys.append(bottom)
        if len(xs) < 2 or len(ys) < 2:
            continue
        grid = Grid(xs=xs, ys=ys)
        _cells(grid, horiz, vert, tol, cover)
        grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _open_end(ends: list[int], rule: int, way: int, columns: int, min_gap: float) -> int:
    """How far a table reaches past its last horizontal rule (`way` 1: down, -1: up): to the
    rules' ends where half its vertical rules at least go on past it, else to the rule."""
    past = [e for e in ends if (e - rule) * way > min_gap]
    if len(past) * 2 < columns:
        return rule
    return max(past) if way > 0 else min(past)


def _merge_close(pos: list[int], min_gap: float) -> list[int]:
    out: list[int] = []
    for p in pos:
        if out and p - out[-1] < min_gap:
            continue  # a double rule: keep the first
        out.append(p)
    return out


def _cells(grid: Grid, horiz: np.ndarray, vert: np.ndarray, tol: int, cover: float) -> None:
    xs, ys = grid.xs, grid.ys
    nr, nc = len(ys) - 1, len(xs) - 1
    hband = [horiz[max(0, y - tol) : y + tol + 1, :].any(axis=0) for y in ys]
    vband = [vert[:, max(0, x - tol) : x + tol + 1].any(axis=1) for x in xs]

    def covered(band: np.ndarray, a: int, b: int) -> bool:
        a, b = a + tol, b - tol
        return b <= a or float(band[a:b].mean()) >= cover

    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not covered(vband[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not covered(hband[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    for slots in groups.values():
        r0, r1 = min(s[0] for s in slots), max(s[0] for s in slots)
        c0, c1 = min(s[1] for s in slots), max(s[1] for s in slots)
        grid.cells.append((r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    grid.cells.sort(key=lambda t: (t[0], t[1]))


def remove_specks(mask: np.ndarray, ppi: float) -> np.ndarray:
    """Drop tiny ink components (paper noise, JPEG debris), keeping dots and commas; and
    speckle (a photocopy's toner dots, up to ~0.035 in across) off the rows of other ink: a
    comma or a dot sits beside its characters."""
    min_area = max(3, int(round(8 * (ppi / 300.0) ** 2)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    area, w, h = (stats[:, k] for k in (cv2.CC_STAT_AREA, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    keep = area >= min_area
    keep[0] = False
    dot = max(3, int(round(ppi * 0.035)))
    small = keep & (w <= dot) & (h <= dot)
    if small.any():
        big = np.where((keep & ~small)[labels], 255, 0).astype(np.uint8)
        # near: on the rows of other ink and within ~1 em along them (a ・ between two words)
        rx, ry = max(3, int(round(ppi * 0.15))), max(2, int(round(ppi * 0.02)))
        near = cv2.dilate(big, np.ones((2 * ry + 1, 2 * rx + 1), np.uint8))
        touched = np.bincount(labels[near > 0], minlength=n) > 0
        keep &= ~small | touched
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def drop_rule_fringe(
    text: np.ndarray, horiz: np.ndarray, vert: np.ndarray, ppi: float
) -> np.ndarray:
    """Ink left along a rule (its jagged edge, outside the rule's mask) is no text: components
    lying wholly within ~0.01 in of a rule are dropped, and slivers within ~0.025 in of a rule:
    along a horizontal one, thin; along a vertical one, taller than cell type. Type set touching the rule reaches out of that band and is kept."""
    r = max(1, int(round(ppi * 0.01)))
    ring = cv2.dilate(np.maximum(horiz, vert), np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    keep = np.bincount(labels[ring == 0], minlength=n) > 0
    # A heavier fringe (a photocopy's toner, a blurred rule at a low resolution) reaches
    # further: a sliver along a rule — within ~0.025 in of it and no thicker across it than a
    # rule's edge — is no type either (a stroke touching the rule reaches out of the band, or
    # turns away from the rule).
    wide = max(r + 1, int(round(ppi * 0.025)))
    long = ppi * 0.05
    thin = max(2, int(round(ppi * 0.012)))
    band = cv2.dilate(horiz, np.ones((2 * wide + 1, 1), np.uint8))
    outside = np.bincount(labels[band == 0], minlength=n) > 0
    sliver = (stats[:, cv2.CC_STAT_HEIGHT] <= thin) & (stats[:, cv2.CC_STAT_WIDTH] >= long)
    keep &= outside | ~sliver
    # and along a vertical rule, a sliver as tall as type that hugs the rule down its length
    # (a photocopy's fringe, read as |; a bracket's stroke touches the rule here and there)
    band = cv2.dilate(vert, np.ones((1, 2 * wide + 1), np.uint8))
    outside = np.bincount(labels[band == 0], minlength=n) > 0
    sliver = (stats[:, cv2.CC_STAT_WIDTH] <= ppi * 0.03) & (
        stats[:, cv2.CC_STAT_HEIGHT] >= ppi * 0.1
    )
    touch = cv2.dilate(vert, np.ones((1, 2 * r + 1), np.uint8)) > 0
    for i in np.nonzero(sliver & ~outside & keep)[0]:
        x, y, w, h = (int(stats[i, k]) for k in range(4))
        own = labels[y : y + h, x : x + w] == i
        rows = (own & touch[y : y + h, x : x + w]).any(axis=1).sum()
        keep[i] = rows < 0.8 * own.any(axis=1).sum()
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def has_type(mask: np.ndarray, ppi: float) -> bool:
    """Whether a line's ink holds anything as big as type (≥ ~0.04 in, a dash's length):
    speckle or a rule's fringe alone is read as | or ・."""
    _n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    size = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    return bool((size >= ppi * 0.04).any())


def band_owners(mask: np.ndarray, bands: list[Box]) -> np.ndarray:
    """For each pixel of a cell's ink, the band (index into `bands`) its component belongs to
    (the band holding the component's middle, else the nearest); -1 off the ink. Lines set in
    tight leading overlap: a descender of one line reaches into the next line's rows."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    owner = np.full(n, -1, np.int32)
    for i in range(1, n):
        mid = stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] / 2.0
        owner[i] = min(
            range(len(bands)),
            key=lambda k: (
                0.0
                if bands[k][1] <= mid < bands[k][3]
                else min(abs(mid - bands[k][1]), abs(mid - bands[k][3]))
            ),
        )
    return owner[labels]


def text_bands(mask: np.ndarray, ppi: float, floor: float = 0.0) -> list[Box]:
    """Text lines inside one cell's ink mask, by its row profile (boxes relative to the mask).
    Rows with at most `floor` × the fullest row's ink count as gaps."""
    rows = (mask > 0).sum(axis=1)
    limit = floor * float(rows.max()) if floor and len(rows) else 0.0
    runs: list[list[int]] = []
    start = None
    for y, v in enumerate(rows):
        v = v > limit
        if v and start is None:
            start = y
        elif not v and start is not None:
            runs.append([start, y])
            start = None
    if start is not None:
        runs.append([start, len(rows)])
    if not runs:
        return []
    # pieces of a line (a superscript, the parts of 会 or 二 in a one-character line, the tips
    # of brackets cut off at a valley) join their nearest neighbour, smallest first
    typical = max(max(b - a for a, b in runs), ppi * 0.1)  # no line is lower than ~7 pt
    while len(runs) > 1:
        order = sorted(range(len(runs)), key=lambda i: runs[i][1] - runs[i][0])
        for i in order:
            a, b = runs[i]
            if b - a >= 0.55 * typical:
                continue
            options = []
            for j in (i - 1, i + 1):
                if 0 <= j < len(runs):
                    lo, hi = min(runs[i][0], runs[j][0]), max(runs[i][1], runs[j][1])
                    gap = runs[j][0] - b if j > i else a - runs[j][1]
                    if gap <= 0.6 * typical and hi - lo <= 1.25 * typical:
                        options.append((gap, j, lo, hi))
            if options:
                _gap, j, lo, hi = min(options)
                runs[min(i, j)] = [lo, hi]
                del runs[max(i, j)]
                break
        else:
            break
    out: list[Box] = []
    min_h = max(3, ppi * 0.012)
    for a, b in runs:
        cols = np.nonzero((mask[a:b] > 0).any(axis=0))[0]
        if len(cols) == 0 or (b - a < min_h and len(runs) > 1 and (mask[a:b] > 0).sum() < min_h**2):
            continue
        out.append((int(cols[0]), a, int(cols[-1]) + 1, b))
    return out


def body_lines(
    mask: np.ndarray, ppi: float, max_h_in: float, split_gap: float
) -> tuple[list[tuple[Box, list[int], int]], np.ndarray]:
    """Text lines outside tables, by connected components.

    Ink is smeared along the line (≈0.05 in) so the characters of a word join. Components are
    placed biggest first: each line keeps the band of its first (tallest) component, and a
    component joins the line whose band holds its middle or overlaps half its height, so small
    marks (bullets, dashes, dots, superscripts) join their line and a tall glyph cannot chain two
    lines together. A line is cut where its ink leaves a gap of more than `split_gap` line
    heights. Components taller than `max_h_in` (figures, photos) are left out.

    Returns (box, component label ids, band height) per line, and the component labels."""
    kx = max(3, int(round(ppi * 0.05)))
    smear = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (kx, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
    max_h = ppi * max_h_in
    comps = []
    for i in range(1, n):
        x, y, w, h, _a = (int(v) for v in stats[i])
        if h <= max_h:
            comps.append((i, x + kx // 2, y, x + w - kx // 2, y + h))
    comps.sort(key=lambda c: (-(c[4] - c[2]), c[2], c[1]))
    bands: list[list] = []  # [top, bottom, members]
    for c in comps:
        h = c[4] - c[2]
        mid = (c[2] + c[4]) / 2
        best, best_score = None, 0.0
        for band in bands:
            overlap = min(band[1], c[4]) - max(band[0], c[2])
            if overlap <= 0:
                continue
            score = overlap / min(h, band[1] - band[0])
            if band[0] <= mid <= band[1]:
                score += 1.0
            if score >= 0.5 and score > best_score:
                best, best_score = band, score
        if best is None:
            bands.append([c[2], c[4], [c]])
        else:
            best[2].append(c)
    # glyphs that touch across tightly set lines (brackets) make one component of two lines:
    # a band much taller than the page's usual line is cut at the valleys of its row profile
    heights = sorted(b[1] - b[0] for b in bands if len(b[2]) > 1) or [1]
    usual = heights[len(heights) // 2]
    out: list[tuple[Box, list[int], int]] = []
    for top, bottom, members in bands:
        pieces = [(top, bottom)]
        if bottom - top > 1.4 * usual:
            x0 = min(m[1] for m in members)
            x1 = max(m[3] for m in members)
            own = np.isin(labels[top:bottom, x0:x1], [m[0] for m in members]) & (
                mask[top:bottom, x0:x1] > 0
            )
            rows = text_bands(own, ppi, floor=0.04)
            if len(rows) > 1:
                pieces = [(top + r[1], top + r[3]) for r in rows]
        for ptop, pbottom in pieces:
            height = pbottom - ptop
            inside = [
                (m[0], m[1], max(m[2], ptop), m[3], min(m[4], pbottom))
                for m in members
                if m[2] < pbottom and m[4] > ptop
            ]
            inside.sort(key=lambda m: m[1])
            group = [inside[0]]
            right = inside[0][3]
            for m in inside[1:]:
                if m[1] - right > split_gap * height:
                    out.append(_line_of(group, height))
                    group = []
                group.append(m)
                right = max(right, m[3])
            out.append(_line_of(group, height))
    # a "line" lower than any type (a speck, a stray dash of noise) is no text
    low = ppi * 0.045
    return [line for line in out if line[0][3] - line[0][1] >= low], labels


def _line_of(members: list, height: int) -> tuple[Box, list[int], int]:
    box = (
        min(m[1] for m in members),
        min(m[2] for m in members),
        max(m[3] for m in members),
        max(m[4] for m in members),
    )
    return box, [m[0] for m in members], height


# --- inside one line: marks and raised footnote numbers -----------------------------------------

Comp = tuple[int, int, int, int, int]  # label, x0, top, x1, bottom (crop pixels, end exclusive)


def components(mask: np.ndarray) -> tuple[list[Comp], np.ndarray]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    comps = [
        (i, int(x), int(y), int(x + w), int(y + h))
        for i, (x, y, w, h, _a) in enumerate(stats[1:n], start=1)
    ]
    comps.sort(key=lambda c: c[1])
    return comps, labels


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum()) / float(union) if union else 0.0


def classify_mark(patch: np.ndarray, line_h: float, rings: bool = False) -> str | None:
    """■ ● ◆ ▼ ▲ ▶ (solid: no character is) — and, with `rings`, ○ — from one glyph's ink, by
    how well it fills the ideal shape."""
    h, w = patch.shape
    if h < 0.45 * line_h or h < 6 or not 0.75 <= w / h <= 1.33:
        return None
    p = patch > 0
    fill = float(p.mean())
    yy, xx = np.mgrid[0:h, 0:w]
    u = (xx + 0.5) / w * 2 - 1  # −1 … 1 across the glyph's box
    v = (yy + 0.5) / h * 2 - 1
    disc = u * u + v * v <= 1.0
    if fill >= 0.86:
        return "■"
    if _iou(p, disc) >= 0.85:
        return "●"
    if _iou(p, np.abs(u) + np.abs(v) <= 1.0) >= 0.8:
        return "◆"
    # solid triangles (▼ ▲ ▶), which Tesseract reads as letters (YW, y)
    for mark, shape in (
        ("▼", np.abs(u) <= (1 - v) / 2),
        ("▲", np.abs(u) <= (1 + v) / 2),
        ("▶", np.abs(v) <= (1 - u) / 2),
    ):
        if _iou(p, shape) >= 0.8:
            return mark
    if rings and 0.85 <= w / h <= 1.18 and fill < 0.5:
        ring = disc & (u * u + v * v >= 0.55)
        if _iou(p, ring) >= 0.45 and not p[disc & (u * u + v * v <= 0.3)].any():
            return "○"
    return None


def lone_mark(mask: np.ndarray, line_h: float) -> str | None:
    """A cell line that is a single mark: ○, ◎ (a ring round a ring or dot), ●, ■, ◆."""
    comps, labels = components(mask)
    big = [c for c in comps if (c[4] - c[2]) >= 0.2 * line_h]
    if not 1 <= len(big) <= 2:
        return None
    outer = max(big, key=lambda c: (c[3] - c[1]) * (c[4] - c[2]))
    _i, x0, y0, x1, y1 = outer
    mark = classify_mark(labels[y0:y1, x0:x1] == outer[0], line_h, rings=True)
    if len(big) == 1:
        return mark
    inner = next(c for c in big if c is not outer)
    inside = x0 < inner[1] and inner[3] < x1 and y0 < inner[2] and inner[4] < y1
    return "◎" if mark == "○" and inside else None


def leading_mark(mask: np.ndarray, line_h: float) -> tuple[str, int] | None:
    """A solid mark (■ ● ◆ ▼ ▲ ▶) opening the line: (mark, x where the rest of the line starts)."""
    comps, labels = components(mask)
    if not comps:
        return None
    first = comps[0]
    _i, x0, y0, x1, y1 = first
    if any(c[1] < x1 for c in comps[1:]):
        return None  # something else shares its columns: part of a character
    mark = classify_mark(labels[y0:y1, x0:x1] == first[0], line_h)
    if mark is None:
        return None
    return mark, x1


def raised_groups(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Small raised glyph groups (footnote numbers set as superscripts) in one line's ink:
    boxes (x0, top, x1, bottom) in crop pixels, left to right. Candidates only: the caller
    confirms each by reading it as digits."""
    comps, labels = components(mask)
    if len(comps) < 2:
        return []
    heights = [c[4] - c[2] for c in comps]
    maxh = max(heights)
    body = [c for c in comps if c[4] - c[2] >= 0.5 * maxh]
    top_ref = float(np.median([c[2] for c in body]))
    bottom_ref = float(np.percentile([c[4] for c in body], 75))
    hb = bottom_ref - top_ref
    if hb < 8:
        return []

    def candidate(c: Comp) -> bool:
        h, w = c[4] - c[2], c[3] - c[1]
        if not (0.25 * hb <= h <= 0.62 * hb and 0.15 <= w / h <= 1.0):
            return False
        if w / h > 0.8 and (labels[c[2] : c[4], c[1] : c[3]] == c[0]).mean() > 0.6:
            return False  # a round solid blob: a speck of toner, not a digit
        if c[4] > bottom_ref - 0.3 * hb or c[2] < top_ref - 0.3 * hb:
            return False
        # alone in its columns (a dakuten or the dot of a character shares them)
        return not any(o is not c and o[1] < c[3] and c[1] < o[3] for o in comps)

    groups: list[list[Comp]] = []
    for c in comps:
        if not candidate(c):
            continue
        if groups and c[1] - groups[-1][-1][3] <= 0.25 * hb and _adjacent(groups[-1][-1], c, comps):
            groups[-1].append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        x0, x1 = g[0][1], g[-1][3]
        if len(g) > 3 or x1 - x0 > 1.4 * hb:
            continue
        if len(g) == 1 and _bracket_like(mask[g[0][2] : g[0][4], g[0][1] : g[0][3]]):
            continue
        out.append((x0, min(c[2] for c in g), x1, max(c[4] for c in g)))
    return out


def _adjacent(a: Comp, b: Comp, comps: list[Comp]) -> bool:
    return not any(a[3] <= o[1] and o[3] <= b[1] for o in comps)


def _bracket_like(patch: np.ndarray) -> bool:
    """「 or 『: a full-height stroke down the left side, nothing in the lower right."""
    p = patch > 0
    h, w = p.shape
    if h < 4 or w < 2:
        return False
    left = p[:, : max(1, int(round(w * 0.35)))].any(axis=1).mean()
    lower_right = p[int(h * 0.4) :, int(w * 0.6) :].mean() if w >= 3 else 1.0
    return left >= 0.9 and lower_right <= 0.05
