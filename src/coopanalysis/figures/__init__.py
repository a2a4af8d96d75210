"""Figures: the curated statistics of each article, located in their quotes, parsed and checked."""
