# plan-extract: `make run` and `make test` work on a fresh clone (they create .venv themselves).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint format messages system-deps bench bench-corpus bench-scans sweep clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## process the embedded default plan into normalized/
	$(BIN)/plan-extract run

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

# The gettext catalogues (src/extract/locale/): keys looked up by the templates and the code
# extracted with Babel into plan-extract.pot, each language's .po updated from it (new keys
# empty, to be translated), and compiled to the .mo the package reads (see README).
messages: $(STAMP)
	$(BIN)/python scripts/messages.py

# Debian packages some tests need: LibreOffice Writer and Calc + Japanese fonts (office-made test
# PDFs, Noto for Chromium's), Tesseract with the Japanese models (scanned plans), and
# Chromium (the report and the review page in a real browser, driven by Playwright from the dev
# extras with this system chromium: never `playwright install`). Without them those tests skip,
# except under CI=true.
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		libreoffice-writer-nogui libreoffice-calc-nogui fonts-ipaexfont fonts-noto-cjk \
		chromium poppler-utils tesseract-ocr tesseract-ocr-jpn tesseract-ocr-script-jpan >/dev/null

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# plan-extract batch (issue 23): pages/s and memory of a batch, extrapolated to 1,741 plans
bench-corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus_bench.py --plans 40 --office-copies 10 --scan-pages 3

# Scans as offices make them (issue 21): each test plan printed and scanned in every kind of
# tests/render_scan.SCAN_KINDS; prints field accuracy per table and s/page per kind (README).
bench-scans: $(STAMP)
	$(BIN)/python benchmarks/scan_bench.py

# The generated-plan sweep (issue 20): 300 plans as text and through each producer with random
# page settings; prints accuracy per table, per producer and per form (see README).
SWEEP_COUNT ?= 300
sweep: $(STAMP)
	$(BIN)/python benchmarks/sweep.py --seed 0 --count $(SWEEP_COUNT) --producers text,writer,calc,chromium,reportlab,spaced --jobs 2

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
