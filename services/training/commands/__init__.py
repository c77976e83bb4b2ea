"""The training service's use cases: one module per aggregate, one function per operation.

Each operation loads what it needs, decides whether the caller may act, applies the domain's
change and stores it with the events it causes (built from the domain's facts in outbox.py).
The GraphQL API and the event handlers call these; neither holds rules of its own.
"""
