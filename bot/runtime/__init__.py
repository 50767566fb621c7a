"""How processes start and run: `make run` (run, stack), `make run-prod` (production, proxy: nginx),
the Rasa server with its guards and measured speed-ups, the action server, tracker stores and
the model checksum.

May import every package except bot.measurement.
"""
