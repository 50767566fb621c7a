"""Input channels and the inbound path. Every public message passes bot.channels.inbound first:
limits, neutralised slash-commands and redaction happen before Rasa stores anything. Also
rate limits (limits), signed chat sessions (sessions) and partner sites (partners).

May import: settings, directory, understanding, conversation, privacy, analytics. Must not import
web, runtime or measurement.
"""
