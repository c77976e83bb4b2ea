"""The event benchmark: outbox → relay → RabbitMQ → idempotent consumer, at fixed rates.

`python -m bench.events --rates 50,100,200 --seconds 20 [--profile]`. A producer process
(aggregate writes + the outbox relay, as one service replica) and a consumer process
(an `EventConsumer` applying effects with `AggregateStore.apply`, as another service) run
against a MongoDB-wire server and RabbitMQ; latency is commit → effect committed.
"""
