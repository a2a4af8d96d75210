"""The vocabularies: provinces before and after the July 2025 merger, measures, periods."""
