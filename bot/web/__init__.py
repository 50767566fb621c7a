"""The Sanic web app: chat page, chat API in front of Rasa, health.

May import: settings, directory, understanding, conversation, privacy, analytics, channels. Must
not import runtime or measurement.
"""
