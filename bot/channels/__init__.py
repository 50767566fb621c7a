"""Input channels. Every public message passes bot.channels.inbound first: limits, neutralised
slash-commands and redaction happen before Rasa stores anything."""
