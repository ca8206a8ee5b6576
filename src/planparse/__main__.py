"""``python -m planparse``: the command line."""

from planparse.cli import run

if __name__ == "__main__":  # not when a spawned batch worker imports the main module
    run()
