"""Review: the extractor's proposals appended to a corpus, the page to review them, review effort, evaluation."""
