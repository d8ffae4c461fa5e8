"""Typed errors. The library raises these; only cli.py turns them into a sentence and an exit."""

# What Ctrl+C ends a command with (exit status 130), while its modules load too (__main__.py).
INTERRUPTED = "interrupted; nothing was written."


class PlanExtractError(Exception):
    """Base class: its message is one sentence a user can act on."""

    exit_code = 2


class InputError(PlanExtractError):
    """The source document cannot be read (missing, empty, binary, undecodable, corrupt)."""


class RulesError(PlanExtractError):
    """A file under rules/ is malformed; the message names the file and line."""


class OutputError(PlanExtractError):
    """The output folder cannot be written safely."""
