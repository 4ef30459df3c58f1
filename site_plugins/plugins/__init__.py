"""Thin MkDocs adapters over the domain core."""
