"""Parse: Document → Plan (records + parse/layout findings)."""

from extract.parse.document import document_to_plan
from extract.parse.patterns import ParseSettings

__all__ = ["ParseSettings", "document_to_plan"]
