"""Language processing: the project's own spaCy pipeline and Signpost's Rasa graph components."""
