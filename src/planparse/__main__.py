"""``python -m planparse`` and the ``planparse`` command."""

import sys


def main() -> None:
    try:
        from planparse.cli import run
    except KeyboardInterrupt:  # Ctrl-C while Python is still importing: no traceback either
        sys.stderr.write("planparse: interrupted\n")
        sys.exit(130)
    run()


if __name__ == "__main__":  # not when a spawned batch worker imports the main module
    main()
