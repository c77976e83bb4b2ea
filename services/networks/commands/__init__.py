"""The networks service's use cases: load, authorise, change through the domain, store.

One module per aggregate, one function per operation. The domain changes an aggregate and
says nothing about events; the command announces the result in this service's contract
(`services.contracts.networks`), written with the change in one atomic write (the outbox;
services/common/changes.py).
"""
