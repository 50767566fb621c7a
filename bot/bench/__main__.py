"""python -m bot.bench: see bot/bench/run.py."""
import sys

from .run import main

sys.exit(main())
