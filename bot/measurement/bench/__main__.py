"""python -m bot.measurement.bench: see bot/measurement/bench/run.py."""
import sys

from bot.measurement.bench.run import main

sys.exit(main())
