"""What a message means: normalised words, the deterministic 999 safety net, places, the project's
spaCy pipeline, the intent model and the Rasa NLU components that run them.

Owns: bot.understanding.safety (the 999 check), places (gazetteer), textclf (intent model),
components (SafetyNet, PlaceOnly, SignpostIntentClassifier for config.yml), build_pipeline.
May import: bot.settings, bot.directory. Must not import conversation, channels, web, runtime,
analytics, privacy or measurement.
"""
