"""The programme catalogue: shipped data, vocabularies, search, editing, data·inclusion exchange."""
