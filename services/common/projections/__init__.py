"""Read-only local copies of other services' aggregates, fed by their events."""
