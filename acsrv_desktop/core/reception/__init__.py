"""Reception: visitors, visits, routing to programmes, referrals."""
