"""Mention finders over plain text: sentences, dates, numbers/fatalities, places, actors.

Everything here is regular expressions compiled once at import (no model, no spaCy on the hot
path): an ACLED note is coded in well under a millisecond, and `import sahelwatch.nlp` costs a
few milliseconds. Offsets always refer to the original text.
"""
