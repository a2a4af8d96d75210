"""Writes the generated reference pages into the MkDocs build (run by the mkdocs-gen-files plugin)."""

import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_pages import pages

for path, text in pages().items():
    with mkdocs_gen_files.open(path, "w") as handle:
        handle.write(text)
