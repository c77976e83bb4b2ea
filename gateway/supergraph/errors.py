"""The one error a supergraph that cannot be served raises."""


class SupergraphError(ValueError):
    """The supergraph SDL is not a valid supergraph (syntax, unknown spec, broken join data)."""
