"""Parse: Document → Plan (records + parse/layout findings)."""

from extract.parse.document import document_to_plan

__all__ = ["document_to_plan"]
