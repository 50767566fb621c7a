"""Thin rasa-sdk actions over the bot/ package."""
