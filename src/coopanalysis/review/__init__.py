"""Reviewing the extractor's proposals: appending them, the review page, review effort and evaluation."""
