"""The benchmark's queries, ports and the shape of one measurement (a workload)."""

from __future__ import annotations

from dataclasses import dataclass

import orjson

DEEP = """query Deep {
  topProducts(first: 20) {
    upc
    name
    price
    shippingEstimate
    inStock
    relatedProducts(first: 2) { upc name reviews(first: 2) { rating } }
    reviews(first: 3) {
      body
      author {
        username
        name
        reviews(first: 3) {
          body
          product {
            name
            inStock
            shippingEstimate
            reviews(first: 3) { author { name } }
          }
        }
      }
    }
  }
}"""
"""products → inventory + reviews → accounts + products → inventory + accounts."""

TRIVIAL = "query Trivial { me { id } }"
"""One fetch from accounts; the accounts subgraph answers the same document directly."""

QUERIES = {"deep": DEEP, "trivial": TRIVIAL}
OPERATION_NAMES = {"deep": "Deep", "trivial": "Trivial"}
SUBGRAPH_DIRECT = "accounts"
"""The subgraph measured directly with the trivial query (gateway overhead = difference)."""

SUBGRAPH_PORT = 47101
"""The four subgraphs listen on this port and the three after it (supergraph.graphql)."""
GATEWAY_PORT = 47110


def body(query: str) -> bytes:
    """The JSON POST body of a query."""
    return orjson.dumps({"query": QUERIES[query], "operationName": OPERATION_NAMES[query]})


@dataclass(frozen=True)
class Workload:
    """One query at one load; wrk measures each target with each workload."""

    query: str
    connections: int

    @property
    def label(self) -> str:
        return f"{self.query}, {self.connections} conn."
