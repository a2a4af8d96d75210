"""Figures across articles: one panel row per statistic, conflicts, and the 34-province view."""
