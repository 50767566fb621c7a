"""Personal data: redaction before anything is stored (redaction) and the retention purge of old
conversations (retention; `make purge`).

May import: bot.settings, bot.directory, bot.understanding, bot.conversation. Must not import
analytics, channels, web, runtime or measurement.
"""
