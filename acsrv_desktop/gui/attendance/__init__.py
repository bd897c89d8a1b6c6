"""The "Fréquentation" area: monthly figures, charts and exports."""
