"""Ingest: reports into ``Document``s (``readers``), structured datasets into ``Event``s.

Import the submodules directly (``from sahelwatch.ingest.readers import read_documents``);
this package imports nothing heavy so that ``sahelwatch extract`` starts fast.
"""
