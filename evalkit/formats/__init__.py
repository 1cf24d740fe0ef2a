"""Input file formats."""
