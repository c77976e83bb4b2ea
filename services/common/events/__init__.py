"""Domain events: CloudEvents envelope, catalogue, outbox relay, idempotent consumers."""
