"""Articles: corpora of raw texts with their metadata, checked, pooled and fetched from their sources."""
