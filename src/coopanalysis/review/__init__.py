"""Reviewing the extractor's proposals: appending them, the review page and review effort."""
