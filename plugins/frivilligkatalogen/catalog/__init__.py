"""Stage 3, the catalogue: every file of ``data/`` read into the model and checked across files
(:mod:`.loading`), and what is derived from the data's git history (:mod:`.history`)."""

from frivilligkatalogen.catalog.loading import Catalog, load_catalog

__all__ = ["Catalog", "load_catalog"]
