"""`python -m extract` and the `plan-extract` command: extract.cli's main. Ctrl+C while the
modules load (the first few hundred milliseconds) ends as it does later: one sentence, exit
status 130, no KeyboardInterrupt traceback."""

import sys


def entry() -> int:
    try:
        from extract.cli import main
    except KeyboardInterrupt:
        from extract.errors import INTERRUPTED

        print(f"plan-extract: {INTERRUPTED}", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(entry())
