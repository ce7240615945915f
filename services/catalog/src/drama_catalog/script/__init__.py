"""Script intelligence: prompts, model-reply parsing, text providers and the offline analyser.

Pure modules (no bus, no database): the catalog's flows call them and store what they return.
"""
