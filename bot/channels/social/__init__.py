"""Social messaging channels: Facebook Messenger, Telegram, and Twilio (SMS and WhatsApp).

Each is a Rasa input channel configured from environment variables (see README "Channels") and
switched off, with its webhook answering 503 "channel not configured", when they are unset.

Every webhook:
- authenticates the request before reading it (Messenger X-Hub-Signature-256, Telegram's secret
  token header, Twilio's X-Twilio-Signature): anything else gets 403 and Rasa never sees it;
- sends the text through bot.channels.inbound.converse (the 999 check on the whole text,
  neutralised commands, redaction, the cut; the reply never silence), like REST and socket.io;
- talks to Rasa under a keyed hash of the platform's user id, so the tracker never holds the id
  itself; the real id lives only in the request that answers it.
"""
