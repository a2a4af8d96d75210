"""The report run: configuration, notebook workers, the output folder, static pages, tables and verify."""
