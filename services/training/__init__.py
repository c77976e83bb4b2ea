"""Training service: programmes, cohorts, workshops, registrations, certificates."""
