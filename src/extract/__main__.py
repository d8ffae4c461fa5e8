"""`python -m extract` and the `plan-extract` command: extract.cli's main. Ctrl+C while the
modules load (the first few hundred milliseconds) ends as it does later: one sentence, exit
status 130, no traceback. The signal is held while they load and answered after: raised inside
an extension module's import (pydantic_core's), it would panic there with a traceback."""

import sys

try:
    import signal
except KeyboardInterrupt:  # (under load, Ctrl+C can land while `signal` loads; errors.INTERRUPTED
    # is not imported here: that import could be interrupted too)
    sys.stderr.write("plan-extract: interrupted; nothing was written.\n")
    raise SystemExit(130) from None


def entry() -> int:
    held: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    except ValueError:  # not the main thread: nothing to hold
        previous = None
    try:
        from extract.cli import main
    except KeyboardInterrupt:
        held.append(signal.SIGINT)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if held:
        from extract.errors import INTERRUPTED

        print(f"plan-extract: {INTERRUPTED}", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(entry())
