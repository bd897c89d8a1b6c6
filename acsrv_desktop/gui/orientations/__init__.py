"""The "Orientations" area: follow referrals up."""
