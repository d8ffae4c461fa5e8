"""OCR engine for image-only (scanned) PDF pages: page image → positioned text lines and ruled
table cells (Tesseract 5 through tesserocr; the page analysis is in `ocr_image`).

Per page: the image is deskewed (±`deskew_range`°, variance of the horizontal projection
profile, coarse to fine), binarized (adaptive threshold), ruling lines are found by morphological
opening (horizontal kernel `h_line_in`, vertical `v_line_in` inches) and taken out of the ink;
ruled tables become cell grids (merged cells leave None slots; open sides take their edges from
the rules' ends); every text line of every cell is read on its own (psm 7, psm 13 when that gives
nothing, psm 10 first for a one-character cell); the rest of the page — table areas blanked — is
cut into lines by connected components and each line is read with psm 7. Tables drawn without
ruling lines (or with rules in one direction only) are not detected: their text comes out as
body lines, one per visual row (cut only at gaps wider than `split_gap` line heights).

Scans as offices make them (issue 21): a cell is read right up to its rules (type set touching a
rule in tight leading keeps its top strokes); the rule's grey fringe is whitened and ink left
along a rule alone is dropped; in a cell of several lines the neighbouring lines' ink that
reaches into a line's rows is whitened in its crop; a photocopy's speckle (dots off the rows of
other ink) and anything within ~0.12 in of the paper's edge are not text, nor slivers of a
photocopy's fringe along a rule, a cell line with nothing as big as type, or a speck read as
`.`/`_` beside Japanese characters. Vertical rules of a
low table (two rows of small type, or one row carried over to a new page) are found though
shorter than the kernel. A cell line read less surely than `recheck_confidence` is read again
with the `jpn` model (on blurred serif type it reads what the script model misses), a short one
masked too, and the surer reading kept.

Text: Tesseract's spaces next to Japanese characters are removed (a space between two ASCII
characters stays). Brackets, digits and Latin letters come out half-width (the model knows no
full-width forms). Marks the model cannot read are recognised by shape: a lone ○ or ◎ in a cell
(also when Tesseract says 〇/O), and a solid ■ ● ◆ opening a line. Small raised digits
(footnote numbers) become `<sup>n</sup>`, as the PDF ingest writes them. ノ/ズ/プ between a
word and 年, 年度, 月 … is put back as "/" (the model has no ／).

Coordinates are PDF points with the origin at the top left (like pdfplumber), in the frame of
the *deskewed* page (the image turned by `OcrPage.angle` degrees, counter-clockwise positive,
about its centre: a scan skewed 0.7° counter-clockwise reports -0.7); boxes are the ink's
bounding boxes, a little inside pdfplumber's font boxes. A wrapped cell has one OcrLine per
visual line (`OcrCell.text` joins them without spaces).

`lang="Japanese"` (the script model) is the default: on the seed plan rendered and scanned
(benchmarks/ocr_feasibility.py) it read 99.6% of characters right on clean scans and 99.5% on
degraded ones, against 99.4% for `jpn`, which also misreads % as 96 on degraded scans.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

# A libtesseract built with OpenMP (Debian's is) runs one page ~8x slower on a busy 2-core machine
# unless its threads are limited; the limit is read when the library loads, so it must be in the
# environment before tesserocr is imported. (The tesserocr wheel's own libtesseract has no OpenMP.)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
DEBIAN_PACKAGE = {"jpn": "tesseract-ocr-jpn", "Japanese": "tesseract-ocr-script-jpan"}


class OcrError(Exception):
    """The OCR engine cannot run (a missing package or language model) or cannot read the page."""


@dataclass(frozen=True)
class OcrLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    confidence: float


@dataclass(frozen=True)
class OcrCell:
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[OcrLine, ...]

    @property
    def text(self) -> str:
        """The cell's lines joined without inventing spaces (a space only between Latin words)."""
        return join_lines(line.text for line in self.lines)


@dataclass(frozen=True)
class OcrTable:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[OcrCell | None, ...], ...]


@dataclass(frozen=True)
class OcrPage:
    page: int
    width: float
    height: float
    angle: float
    lines: tuple[OcrLine, ...]
    tables: tuple[OcrTable, ...]
    mean_confidence: float


@dataclass(frozen=True)
class OcrSettings:
    dpi: int = 300  # rendering resolution for PDF pages
    lang: str = "Japanese"  # Tesseract model: the script model "Japanese" (measured best) or "jpn"
    tessdata: str | None = None  # folder of *.traineddata; None: TESSDATA_PREFIX or Debian's
    deskew_range: float = 2.0  # degrees searched either way
    deskew_step: float = 0.1  # degrees (refined to a fifth of it)
    threshold_c: int = 15  # adaptive threshold: grey levels below the local mean that are ink
    h_line_in: float = 0.35  # horizontal ruling kernel, inches
    v_line_in: float = 0.25  # vertical ruling kernel, inches
    border_cover: float = 0.6  # share of an inner cell border that must be drawn to count
    max_line_height_in: float = 0.6  # taller ink blobs outside tables are figures: not read
    split_gap: float = 4.0  # a body line is cut where its ink leaves a gap of this many heights
    line_psm: int = 7  # a single text line
    raw_line_psm: int = 13  # raw line, when psm 7 reads nothing
    char_psm: int = 10  # a single character (a cell no wider than ~1.6 line heights)
    size_factor: float = 1.1  # ink height of a Japanese line → font size
    max_band_px: int = 48  # a taller line (a heading) is scaled down to this height to be read
    superscripts: bool = True  # raised small digits become <sup>n</sup>, as the PDF ingest writes
    sup_confidence: float = 70.0  # least Tesseract confidence to take a raised glyph as a number
    # Mask each line's crop to the ink the threshold kept (white elsewhere). Off: the crop keeps
    # the page's grey levels, only the ruling lines whitened — masking erases the thin strokes
    # of serif type on a blurred scan (事業 read 事菜); unmasked read 95% of characters where
    # masked read 90% on a held-out Mincho scan.
    mask_crops: bool = False
    # A cell line read less surely than this is read again with `recheck_lang`'s model (when
    # installed), the surer reading kept: on blurred serif type in small cells jpn reads what the
    # script model misses (cells 80% → 86% of characters on a Mincho 200 dpi scan).
    recheck_confidence: float = 90.0
    recheck_lang: str | None = "jpn"
    # Divide the page's grey levels by its paper's before lines are read: a photocopy's grey,
    # uneven paper is otherwise read as ink by Tesseract's own threshold (60.0 → ROSSON).
    flatten_paper: bool = True


# --- engine ------------------------------------------------------------------------------------


def _tessdata(settings: OcrSettings) -> str | None:
    if settings.tessdata:
        cands = [settings.tessdata]
    else:
        env = os.environ.get("TESSDATA_PREFIX")
        cands = ([env, str(Path(env) / "tessdata")] if env else []) + list(TESSDATA_DIRS)
    for d in cands:
        if d and (Path(d) / f"{settings.lang}.traineddata").is_file():
            return d
    return None


def ocr_available(settings: OcrSettings | None = None) -> str | None:
    """None when OCR can run, else one sentence saying what is missing."""
    settings = settings or OcrSettings()
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "OCR needs the Python package tesserocr (pip install tesserocr)."
    try:
        import cv2  # noqa: F401
    except ImportError:
        return "OCR needs the Python package opencv-python-headless (pip install opencv-python-headless)."
    if _tessdata(settings) is None:
        where = f" in {settings.tessdata}" if settings.tessdata else ""
        pkg = DEBIAN_PACKAGE.get(settings.lang, f"tesseract-ocr-{settings.lang.lower()}")
        return (
            f"OCR needs Tesseract's {settings.lang} language data{where} "
            f"(Debian package {pkg}: apt-get install {pkg})."
        )
    return None


_local = threading.local()


def _api(settings: OcrSettings):
    """One tesserocr API per thread and (tessdata, lang): initialising a model takes ~0.3 s."""
    missing = ocr_available(settings)
    if missing:
        raise OcrError(missing)
    import tesserocr

    path = _tessdata(settings)
    key = (path, settings.lang)
    apis = getattr(_local, "apis", None)
    if apis is None:
        apis = _local.apis = {}
    if key not in apis:
        try:
            api = tesserocr.PyTessBaseAPI(
                path=str(path).rstrip("/") + "/",
                lang=settings.lang,
                psm=tesserocr.PSM.SINGLE_LINE,
                oem=tesserocr.OEM.LSTM_ONLY,
            )
        except RuntimeError as exc:
            raise OcrError(
                f"Tesseract could not load the {settings.lang} model from {path}: {exc}"
            ) from exc
        api.SetVariable("debug_file", "/dev/null")
        apis[key] = api
    return apis[key]


_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def clean_text(text: str) -> str:
    """Tesseract's text for one line: a space stays only between two ASCII characters."""
    text = " ".join(text.split())
    return _CJK_SPACE.sub("", text)


def join_lines(lines) -> str:
    out = ""
    for t in lines:
        if (
            out
            and t
            and out[-1].isascii()
            and out[-1].isalnum()
            and t[0].isascii()
            and t[0].isalnum()
        ):
            out += " "
        out += t
    return out


# Misreads that are never Japanese: a full-width solidus (／, not in the model's character set)
# read as a katakana between a word and a period unit, as in 件数／年, 出荷額／年度.
_SLASH = re.compile(
    r"(?<=[\u4e00-\u9fff\u3005)）])[ノズプ](?=(?:年|月|日|週|回|人|件|年度)(?![\u4e00-\u9fff])|年度)"
)


# A speck of toner or paper noise read as a period or an underscore: Japanese text has neither
# between two Japanese characters, at a line's end after one, or opening a line before one (its
# full stop is 。; a figure's decimal point stands between digits).
_STRAY_DOT = re.compile(
    r"(?<=[^\x00-\x7f])[._]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f。、])[._]+$|^[._]+ +|^[._]+(?=[^\x00-\x7f])"
)


def fix_misreads(text: str) -> str:
    return _STRAY_DOT.sub("", _SLASH.sub("/", text))


class _Reader:
    """Reads line images with one tesserocr API."""

    def __init__(self, api, settings: OcrSettings, ppi: float) -> None:
        self.api, self.s, self.ppi = api, settings, ppi

    def ocr(self, img: np.ndarray, psm: int, symbols: bool = False):
        """(text, confidence[, symbols]) of a white-padded grey line image."""
        api = self.api
        api.SetPageSegMode(psm)
        img = np.ascontiguousarray(img)
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(int(round(self.ppi)))
        text = clean_text(api.GetUTF8Text() or "")
        confs = [c for c in api.AllWordConfidences() if c >= 0]
        conf = float(sum(confs)) / len(confs) if confs and text else 0.0
        if not symbols:
            return text, conf, None
        from tesserocr import RIL, iterate_level

        syms = []
        if text:
            for r in iterate_level(api.GetIterator(), RIL.SYMBOL):
                try:
                    sym = r.GetUTF8Text(RIL.SYMBOL)
                except RuntimeError:
                    continue
                x0, _t, x1, _b = r.BoundingBox(RIL.SYMBOL)
                syms.append((sym, (x0 + x1) / 2.0, r.IsAtBeginningOf(RIL.WORD)))
        return text, conf, syms

    def digits(self, img: np.ndarray) -> str | None:
        """A raised footnote number: read with digits only; None unless clearly digits."""
        with self._only("0123456789"):
            big = np.asarray(
                Image.fromarray(img).resize(
                    (img.shape[1] * 2, img.shape[0] * 2), Image.Resampling.BICUBIC
                )
            )
            img = np.pad(big, 10, constant_values=255)
            for psm in (self.s.line_psm, self.s.raw_line_psm, self.s.char_psm):
                text, conf, _ = self.ocr(img, psm)
                if text:
                    break
        return text if text.isdigit() and len(text) <= 3 and conf >= self.s.sup_confidence else None

    def figure(self, gray: np.ndarray, band: int) -> tuple[str, float] | None:
        """A table cell's line read again as a figure: only the characters figures and their
        units, years and qualifiers are printed with (`FIGURE_CHARS`)."""
        with self._only(FIGURE_CHARS):
            text, conf, _ = self.ocr(np.pad(gray, _pad(band), constant_values=255), self.s.line_psm)
        return (fix_misreads(text), conf) if text else None

    @contextlib.contextmanager
    def _only(self, chars: str) -> Iterator[None]:
        """Tesseract reads only `chars` inside the block."""
        self.api.SetVariable("tessedit_char_whitelist", chars)
        try:
            yield
        finally:
            self.api.SetVariable("tessedit_char_whitelist", "")

    def line(
        self, gray: np.ndarray, mask: np.ndarray, band: int, single: bool
    ) -> tuple[str, float] | None:
        """Text and confidence of one line: `gray` is its crop (white off the ink), `mask` its ink;
        `single`: a narrow cell line that may be one mark or character."""
        from extract.ingest import ocr_image as oi

        s = self.s
        if single:
            mark = oi.lone_mark(mask, band)
            if mark:
                return mark, MARK_CONFIDENCE
        prefix = ""
        lead = oi.leading_mark(mask, band)
        if lead:
            prefix, cut = lead
            gray, mask = gray[:, cut:], mask[:, cut:]
            cols = np.nonzero(mask.any(axis=0))[0]
            if len(cols) == 0:
                return prefix, MARK_CONFIDENCE
            gray, mask = gray[:, cols[0] :], mask[:, cols[0] :]
        sups: list[tuple[float, str]] = []
        if s.superscripts and not single:
            for x0, y0, x1, y1 in oi.raised_groups(mask):
                pad = max(2, (y1 - y0) // 3)
                sub = gray[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
                got = self.digits(sub)
                if got:
                    sups.append(((x0 + x1) / 2.0, got))
                    gray = gray.copy()
                    gray[:, x0:x1][mask[:, x0:x1] > 0] = 255
                    gray[max(0, y0 - 1) : y1 + 1, x0:x1] = 255
        if band > s.max_band_px:
            # Large type (headings): Tesseract's line model reads best at body-text heights.
            factor = s.max_band_px / band
            size = (max(1, int(gray.shape[1] * factor)), max(1, int(gray.shape[0] * factor)))
            gray = np.asarray(Image.fromarray(gray).resize(size, Image.Resampling.LANCZOS))
            sups = [(x * factor, d) for x, d in sups]
            band = s.max_band_px
        pad = _pad(band)
        img = np.pad(gray, pad, constant_values=255)
        psms = (s.char_psm, s.line_psm, s.raw_line_psm) if single else (s.line_psm, s.raw_line_psm)
        text, conf, syms = "", 0.0, None
        for psm in psms:
            text, conf, syms = self.ocr(img, psm, symbols=bool(sups))
            if text:
                break
        if sups:
            text = _with_sups(syms or [], [(x + pad, d) for x, d in sups])
        if single and text in ("O", "o", "〇"):
            text = "○"  # a lone round mark: the model has no ○
        text = prefix + fix_misreads(text)
        if not text or (conf <= 0.0 and not sups and _SPECKS_ONLY.fullmatch(text)):
            # (a rule's faint fringe and a toner dot, read as "." or a lone の with no confidence)
            return None
        if sups and not syms:
            conf = self.s.sup_confidence  # nothing but the raised number(s)
        return text, conf


# What a figure's cell prints: digits, separators, signs, units (ocrunits' list), years and
# qualifiers
FIGURE_CHARS = (
    "0123456789,.%△▲-+~/()（）約以上下未満累計年度月日間人件円万億千百回倍点台名組世帯団体"
    "校社戸所施設店舗泊品目本種区地集落事業者経営体か箇時トンポイ園隻頭kgmapt㎥RHr令和平成ー"
)
# A figure in a cell with a character read into it that no figure is printed with (中0人 for
# 40人, き。000, #0, 1優5.820万円): a digit or a unit's character a serif type's blur made a
# look-alike of
_FIGURE = re.compile(r"^(?P<lead>[^\d\s]{0,2})(?P<figure>\d(?:.{0,2}\d)*)(?P<unit>[^\d\s]{0,4})$")


def _foreign(text: str) -> bool:
    return any(ch not in FIGURE_CHARS and not ch.isspace() for ch in text)


def figure_misread(text: str) -> bool:
    """Whether a cell line reads as a figure with a character in it or before it that figures
    are not printed with (a unit's look-alike, 3.1俺円, is left to the row's other figure:
    `ocrunits`)."""
    m = _FIGURE.match(text.strip())
    return m is not None and _foreign(m["lead"] + m["figure"])


def _figure_kept(old: str, new: str) -> bool:
    """Whether `new` (read as a figure) is `old` with its foreign characters read as digits,
    separators or a unit's: nothing foreign left, as many digits at least (more where one was
    read before them: 中0人 is 40人, not 0人), the unit as read or as long."""
    a, b = _FIGURE.match(old.strip()), _FIGURE.match(new.strip())
    if a is None or b is None or _foreign(new):
        return False
    more = sum(ch.isdigit() for ch in b["figure"]) - sum(ch.isdigit() for ch in a["figure"])
    if more < (1 if _foreign(a["lead"]) else 0):
        return False
    unit = a["unit"]
    return b["unit"] == unit or (_foreign(unit) and len(b["unit"]) == len(unit))


def _pad(band: int) -> int:
    """The white set around a line's crop of `band` pixels before Tesseract reads it."""
    return max(6, int(band * 0.35))


_SPECKS_ONLY = re.compile(r"[.,*'`\"_:;・･]+|[ぁ-んァ-ン]")
MARK_CONFIDENCE = 90.0  # a mark recognised by its shape, not by Tesseract


def _with_sups(syms: list[tuple[str, float, bool]], sups: list[tuple[float, str]]) -> str:
    """The line's symbols with `<sup>n</sup>` put back where the raised numbers were."""
    out: list[str] = []
    pending = sorted(sups)
    for k, (sym, x, new_word) in enumerate(syms):
        while pending and pending[0][0] < x:
            out.append(f"<sup>{pending.pop(0)[1]}</sup>")
        if new_word and k and out:
            out.append(" ")
        out.append(sym)
    out.extend(f"<sup>{d}</sup>" for _x, d in pending)
    text = clean_text("".join(out))
    return re.sub(r"\s*(<sup>\d+</sup>)\s*", r"\1", text)


# --- pages -------------------------------------------------------------------------------------


def page_needs_ocr(page, max_chars: int = 10, min_image_share: float = 0.25) -> bool:
    """A pdfplumber page with (nearly) no text characters but an image covering a good part of it."""
    chars = sum(1 for c in page.chars if c.get("text", "").strip())
    if chars > max_chars:
        return False
    area = float(page.width * page.height) or 1.0
    for im in page.images:
        w = min(float(im["x1"]), float(page.width)) - max(float(im["x0"]), 0.0)
        h = min(float(im["bottom"]), float(page.height)) - max(float(im["top"]), 0.0)
        if w > 0 and h > 0 and w * h / area >= min_image_share:
            return True
    return False


def pdf_page_to_ocr_page(path: str, page_no: int, settings: OcrSettings | None = None) -> OcrPage:
    """Render page `page_no` (1-based) of the PDF at `settings.dpi` with pypdfium2 and read it."""
    settings = settings or OcrSettings()
    missing = ocr_available(settings)
    if missing:
        raise OcrError(missing)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise OcrError(f"{path}: cannot open the PDF to render it for OCR ({exc}).") from exc
    try:
        if not 1 <= page_no <= len(doc):
            raise OcrError(f"{path}: no page {page_no} (the PDF has {len(doc)}).")
        page = doc[page_no - 1]
        width, height = page.get_size()
        image = page.render(scale=settings.dpi / 72.0, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        doc.close()
    return image_to_ocr_page(image, page_no, width, height, settings)


def _ink_only(crop: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """A line crop masked to the ink the threshold kept (and a little around it), white
    elsewhere."""
    return np.where(_dilate(ink, 3) > 0, crop, 255).astype(np.uint8)


def image_to_ocr_page(
    image: Image.Image,
    page: int,
    width_pt: float,
    height_pt: float,
    settings: OcrSettings | None = None,
) -> OcrPage:
    """Read one page image (any resolution; it spans the whole page of width_pt × height_pt)."""
    settings = settings or OcrSettings()
    api = _api(settings)
    from extract.ingest import ocr_image as oi

    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    ppi = gray.shape[1] / width_pt * 72.0  # pixels per inch
    scale_x, scale_y = width_pt / gray.shape[1], height_pt / gray.shape[0]
    gray, angle = oi.deskew(
        gray, ppi, settings.threshold_c, settings.deskew_range, settings.deskew_step
    )
    ink = oi.binarize(gray, ppi, settings.threshold_c)
    horiz, vert = oi.ruling_masks(ink, ppi, settings.h_line_in, settings.v_line_in)
    rules = np.maximum(horiz, vert)
    # Nothing is printed within ~0.12 in of the paper's edge: ink there is a scanner's or a
    # copier's shadow.
    edge = int(round(ppi * 0.12))
    ink[:edge], ink[-edge:], ink[:, :edge], ink[:, -edge:] = 0, 0, 0, 0
    text = oi.remove_specks(np.where(rules > 0, 0, ink).astype(np.uint8), ppi)
    text = oi.drop_rule_fringe(text, horiz, vert, ppi)
    # what Tesseract sees: the page's grey levels with the ruling lines whitened (masked: at
    # the ink only, white everywhere else)
    if settings.mask_crops:
        clean = np.where(_dilate(text, 3) > 0, gray, 255).astype(np.uint8)
    else:
        if settings.flatten_paper:
            gray = oi.flatten_paper(gray, ppi)
        # specks taken out of the ink are taken out of what Tesseract sees
        specks = np.where((ink > 0) & (rules == 0) & (text == 0), 255, 0).astype(np.uint8)
        specks = _dilate(specks, 3)
        gray = np.where(specks > 0, 255, gray).astype(np.uint8)
        # Near a rule only the ink is kept: the rule's grey fringe (blur, JPEG) is no text, and
        # type set touching the rule keeps its strokes.
        ring = _dilate(rules, 2 * max(1, int(round(ppi * 0.01))) + 1)
        clean = np.where((rules > 0) | ((ring > 0) & (text == 0)), 255, gray).astype(np.uint8)

    def masked(crop: np.ndarray, ink: np.ndarray) -> np.ndarray:
        return _ink_only(crop, ink) if settings.mask_crops else crop

    reader = _Reader(api, settings, ppi)

    again = replace(settings, lang=settings.recheck_lang) if settings.recheck_lang else None
    second = _Reader(_api(again), settings, ppi) if again and _tessdata(again) else None

    def line(
        box, crop_gray: np.ndarray, mask: np.ndarray, band: int, single: bool, by=None
    ) -> OcrLine | None:
        got = (by or reader).line(crop_gray, mask, band, single)
        if got is None:
            return None
        x0, top, x1, bottom = box
        return OcrLine(
            text=got[0],
            x0=round(x0 * scale_x, 2),
            top=round(top * scale_y, 2),
            x1=round(x1 * scale_x, 2),
            bottom=round(bottom * scale_y, 2),
            size=round(band * scale_y * settings.size_factor, 1),
            confidence=round(got[1], 1),
        )

    tables: list[OcrTable] = []
    blank = text.copy()
    m = max(2, int(round(ppi * 0.02)))  # keep clear of the rules' fringes
    # A cell is read up to its rules (taken out of `text` and `clean`): type set touching a rule
    # in tight leading loses its top or its first stroke to any margin.
    e = 1
    for grid in oi.find_grids(horiz, vert, ppi, settings.border_cover):
        nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
        slots: list[list[OcrCell | None]] = [[None] * nc for _ in range(nr)]
        for r0, c0, _r1, _c1, (cx0, cy0, cx1, cy1) in grid.cells:
            ix0, iy0, ix1, iy1 = cx0 + e, cy0 + e, cx1 - e, cy1 - e
            lines: list[OcrLine] = []
            if ix1 > ix0 and iy1 > iy0:
                sub = text[iy0:iy1, ix0:ix1]
                bands = oi.text_bands(sub, ppi, floor=0.03)
                owners = oi.band_owners(sub, bands) if len(bands) > 1 else None
                for k, (bx0, by0, bx1, by1) in enumerate(bands):
                    crop = clean[iy0 + by0 : iy0 + by1, ix0 + bx0 : ix0 + bx1]
                    band_mask = sub[by0:by1, bx0:bx1]
                    if owners is not None:
                        # the neighbouring lines' ink that reaches into this line's rows
                        own = owners[by0:by1, bx0:bx1]
                        band_mask = np.where(own == k, band_mask, 0).astype(np.uint8)
                        foreign = _dilate(((own >= 0) & (own != k)).astype(np.uint8), 5)
                        crop = np.where((foreign > 0) & (band_mask == 0), 255, crop)
                        crop = crop.astype(np.uint8)
                    if not oi.has_type(band_mask, ppi):
                        continue
                    crop = masked(crop, band_mask)
                    hgt = by1 - by0
                    single = bx1 - bx0 <= 1.6 * hgt
                    box = (ix0 + bx0, iy0 + by0, ix0 + bx1, iy0 + by1)
                    got = line(box, crop, band_mask > 0, hgt, single)
                    if not settings.mask_crops and bx1 - bx0 <= 3.5 * hgt:
                        # a short cell (略称 スマ): read masked too, the surer reading kept
                        other = line(box, _ink_only(crop, band_mask), band_mask > 0, hgt, single)
                        if other and (got is None or other.confidence > got.confidence):
                            got = other
                    if second is not None and (
                        got is None or got.confidence < settings.recheck_confidence
                    ):
                        # read with the other model, the surer reading kept
                        other = line(box, crop, band_mask > 0, hgt, single, second)
                        if other and (got is None or other.confidence > got.confidence):
                            got = other
                    if got and figure_misread(got.text):
                        # a digit read as a look-alike: read as a figure, kept if it reads one
                        again = reader.figure(crop, hgt)
                        if again and _figure_kept(got.text, again[0]):
                            got = replace(got, text=again[0], confidence=max(again[1], 1.0))
                    if got:
                        lines.append(got)
            slots[r0][c0] = OcrCell(
                x0=round(cx0 * scale_x, 2),
                top=round(cy0 * scale_y, 2),
                x1=round(cx1 * scale_x, 2),
                bottom=round(cy1 * scale_y, 2),
                lines=tuple(lines),
            )
        gx0, gy0, gx1, gy1 = grid.box
        blank[max(0, gy0 - m) : gy1 + m, max(0, gx0 - m) : gx1 + m] = 0
        tables.append(
            OcrTable(
                x0=round(gx0 * scale_x, 2),
                top=round(gy0 * scale_y, 2),
                x1=round(gx1 * scale_x, 2),
                bottom=round(gy1 * scale_y, 2),
                rows=tuple(tuple(r) for r in slots),
            )
        )

    found, labels = oi.body_lines(blank, ppi, settings.max_line_height_in, settings.split_gap)
    body: list[OcrLine] = []
    for (bx0, by0, bx1, by1), members, band in found:
        lab = labels[by0:by1, bx0:bx1]
        own = np.isin(lab, members) & (blank[by0:by1, bx0:bx1] > 0)
        cols = np.nonzero(own.any(axis=0))[0]
        if len(cols) == 0:
            continue
        x0, x1 = bx0 + int(cols[0]), bx0 + int(cols[-1]) + 1
        own = own[:, cols[0] : cols[-1] + 1]
        crop = clean[by0:by1, x0:x1]
        crop = masked(crop, own.astype(np.uint8) * 255)
        got = line((x0, by0, x1, by1), crop, own, band, False)
        if got:
            body.append(got)

    lines_all = body + [ln for t in tables for row in t.rows for c in row if c for ln in c.lines]
    weights = [len(ln.text) for ln in lines_all]
    mean_conf = (
        sum(ln.confidence * w for ln, w in zip(lines_all, weights, strict=True)) / sum(weights)
        if sum(weights)
        else 0.0
    )
    return OcrPage(
        page=page,
        width=float(width_pt),
        height=float(height_pt),
        angle=float(angle),
        lines=tuple(reading_order(body)),
        tables=tuple(tables),
        mean_confidence=round(mean_conf, 1),
    )


def reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Top to bottom; lines that share a row (overlap vertically by half) left to right."""
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if rows:
            last = rows[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            overlap = min(bottom, ln.bottom) - max(top, ln.top)
            if overlap >= 0.5 * min(bottom - top, ln.bottom - ln.top):
                last.append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]


def _dilate(mask: np.ndarray, k: int) -> np.ndarray:
    import cv2

    return cv2.dilate(mask, np.ones((k, k), np.uint8))


__all__ = [
    "OcrCell",
    "OcrError",
    "OcrLine",
    "OcrPage",
    "OcrSettings",
    "OcrTable",
    "image_to_ocr_page",
    "ocr_available",
    "page_needs_ocr",
    "pdf_page_to_ocr_page",
]
