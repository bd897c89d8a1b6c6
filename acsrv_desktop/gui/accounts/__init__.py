"""Sign-in, first-start set-up and the idle lock."""
