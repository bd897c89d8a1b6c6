"""The "Programmes" area: search the catalogue and hand over the right contact."""
