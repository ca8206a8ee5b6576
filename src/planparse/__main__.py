from planparse.cli import run

run()
