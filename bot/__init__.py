"""Signpost: who to contact about a local problem in Wiltshire and Swindon.

Packages, lowest layer first; a package may import only from packages above it in this list,
never from one below (tests/test_architecture.py checks this and that there are no cycles):

    settings       environment variables and their defaults (imports nothing of Signpost)
    directory      the facts: agencies, topics, places (YAML, validated on load)
    understanding  what a message means: text normalising, the 999 safety net, places, the spaCy
                   pipeline, the intent model and Rasa's NLU components
    conversation   what to answer: the dialogue turn, routing rules, rendering
    privacy        redaction of personal data and the retention purge
    analytics      anonymous outcome rows and the insight report
    channels       the inbound path every message takes (limits, sessions, partner sites) and the
                   REST, socket.io and signed social channels
    web            the Sanic web app: chat page, widget, chat API, insights
    runtime        processes: make run, make run-prod, nginx, the Rasa and action servers, Rasa
                   guards and speed-ups, tracker stores, the model checksum
    measurement    benchmarks, NLU evaluation, load tests
"""
