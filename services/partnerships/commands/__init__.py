"""The partnerships service's use cases: one module per aggregate, one function per
operation (load, authorise, change through the domain, store with the events the contract
promises other services; services/common/changes.py)."""
