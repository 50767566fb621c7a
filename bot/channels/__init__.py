"""Input channels and the inbound path. Every public message passes bot.channels.inbound first: the
999 check on the whole raw text, neutralised slash-commands, redaction, the cut and validated
metadata happen before Rasa stores anything, the same way on every channel. Also
rate limits (limits), signed chat sessions (sessions) and partner sites (partners).

May import: settings, directory, understanding, conversation, privacy, analytics. Must not import
web, runtime or measurement.
"""
