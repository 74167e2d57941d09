"""The last stage: the MkDocs plugin and the ``katalog`` command, each wiring the core to one way
of running it, and nothing more."""
