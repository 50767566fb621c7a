"""Tracker stores for Signpost's quick start (`make run`)."""
