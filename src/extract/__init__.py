"""plan-extract: Japanese municipal strategy plans → validated, normalized open data."""

__version__ = "0.1.0"
