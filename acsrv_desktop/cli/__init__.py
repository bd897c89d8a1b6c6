"""Command line: the GUI launcher and sub-commands sharing the GUI's services."""
