"""Overlapping proposals („Ähnliche Vorschläge“): TF-IDF over word and character n-grams, an index per cycle
kept current incrementally, and the passages two proposals share."""
