"""The four subgraphs' Federation v2 SDL, as each serves it in `_service { sdl }`."""

from __future__ import annotations

FEDERATION = "https://specs.apollo.dev/federation/v2.3"

ACCOUNTS = f"""
extend schema @link(url: "{FEDERATION}", import: ["@key", "@shareable"])

type Query {{
  me: User
  user(id: ID!): User
  users(first: Int! = 10): [User!]!
}}

type User @key(fields: "id") {{
  id: ID!
  name: String!
  username: String! @shareable
  birthDate: String!
  email: String!
}}
"""

INVENTORY = f"""
extend schema @link(url: "{FEDERATION}", import: ["@key", "@external", "@requires"])

type Product @key(fields: "upc") {{
  upc: String!
  price: Int! @external
  weight: Int! @external
  inStock: Boolean!
  stock: Int!
  "Days to deliver; heavier and cheaper goods ship slower."
  shippingEstimate: Int! @requires(fields: "price weight")
}}
"""

PRODUCTS = f"""
extend schema @link(url: "{FEDERATION}", import: ["@key"])

type Query {{
  topProducts(first: Int! = 5): [Product!]!
  product(upc: String!): Product
}}

type Product @key(fields: "upc") {{
  upc: String!
  name: String!
  "Price in cents."
  price: Int!
  "Weight in grams."
  weight: Int!
  dimensions: Dimensions!
  relatedProducts(first: Int! = 3): [Product!]!
}}

type Dimensions {{
  widthCm: Float!
  heightCm: Float!
  depthCm: Float!
}}
"""

REVIEWS = f"""
extend schema @link(url: "{FEDERATION}", import: ["@key", "@external", "@provides"])

type Query {{
  review(id: ID!): Review
}}

type Review @key(fields: "id") {{
  id: ID!
  body: String!
  rating: Int!
  author: User! @provides(fields: "username")
  product: Product!
}}

type User @key(fields: "id") {{
  id: ID!
  username: String! @external
  reviews(first: Int! = 5): [Review!]!
}}

type Product @key(fields: "upc") {{
  upc: String!
  reviews(first: Int! = 5): [Review!]!
}}
"""

SDL: dict[str, str] = {
    "accounts": ACCOUNTS,
    "inventory": INVENTORY,
    "products": PRODUCTS,
    "reviews": REVIEWS,
}
"""Subgraph name → SDL; the names are those of the supergraph's join__Graph enum."""
