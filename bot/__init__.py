"""Signpost: who to contact about a local problem in Wiltshire and Swindon."""
