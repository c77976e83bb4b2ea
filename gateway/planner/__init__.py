"""Query planning: a client operation over the API schema → subgraph fetches."""

from .builder import PlanningError, build_plan
from .operation import ClientField, ClientFragment, ClientSelection, Conditions, normalize
from .plan import Fetch, QueryPlan, RepField

__all__ = [
    "ClientField",
    "ClientFragment",
    "ClientSelection",
    "Conditions",
    "Fetch",
    "PlanningError",
    "QueryPlan",
    "RepField",
    "build_plan",
    "normalize",
]
