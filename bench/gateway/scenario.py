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

PUBLIC = """query Public {
  users(first: 6) {
    ...Person
    reviews(first: 2) {
      ...Opinion
      product {
        ...Item
        reviews(first: 4) {
          ...Opinion
          author { ...Person reviews(first: 2) { ...Opinion product { ...Item } } }
        }
      }
    }
  }
  topProducts(first: 5) {
    ...Item
    reviews(first: 4) {
      ...Opinion
      author { ...Person reviews(first: 2) { ...Opinion product { ...Item } } }
    }
  }
}

fragment Person on User { id username name }
fragment Opinion on Review { id body }
fragment Item on Product { inStock name price shippingEstimate upc weight }"""
"""The shape of the public federation benchmark's query (graphql-hive/graphql-gateways-benchmark):
the same fields, fragments and list lengths (6 users, 2 reviews each, 4 reviews per product,
2 per author, 5 top products) over our seeded data. Users and products come back by several
paths (a user's review → its product → its reviews → their authors → their reviews → products);
about 440 objects as there, but 35 KiB instead of 87.6 KB because our review bodies are short."""

TRIVIAL = "query Trivial { me { id } }"
"""One fetch from accounts; the accounts subgraph answers the same document directly."""

QUERIES = {"public": PUBLIC, "deep": DEEP, "trivial": TRIVIAL}
OPERATION_NAMES = {"public": "Public", "deep": "Deep", "trivial": "Trivial"}
LOW_LOAD_QUERIES = ("public", "trivial")
"""Also measured at the low connection count: latency without queueing (and, for the trivial
query, the gateway's overhead over the subgraph)."""
SUBGRAPH_DIRECT = "accounts"
"""The subgraph measured directly with the trivial query (gateway overhead = difference)."""

SUBGRAPH_PORT = 29101
"""The four subgraphs listen on this port and the three after it (supergraph.graphql)."""
GATEWAY_PORT = 29110
"""Both below the ephemeral port range (32768–60999 on Linux): a readiness probe to a port in
it, before the server binds, can connect to itself and hold the port in TIME-WAIT."""


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
