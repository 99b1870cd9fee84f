"""Award lists and pilot-city selections: reading, validation, enterprise resolution, loading."""
