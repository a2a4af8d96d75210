"""The ground every stage stands on: where things are, problems that name file and line, safe reads and writes."""
