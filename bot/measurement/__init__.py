"""Measuring Signpost: the speed benchmark (bench), NLU and routing evaluation (evaluation) and the
production load test (loadtest). Top layer: may import anything; nothing imports it.
"""
