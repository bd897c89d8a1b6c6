"""Monthly attendance: figures for the board and the funders, and their exports."""
