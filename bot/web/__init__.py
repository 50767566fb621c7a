"""The Sanic web app: chat page, chat API in front of Rasa, health."""
