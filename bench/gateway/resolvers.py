"""Each subgraph's resolvers over the generated data; objects are plain dicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .data import Data, Product, Review, User, shipping_estimate
from .federated_schema import Resolvers

Obj = dict[str, Any]


def _user(user: User) -> Obj:
    return {
        "__typename": "User",
        "id": user.id,
        "name": user.name,
        "username": user.username,
        "birthDate": user.birth_date,
        "email": user.email,
    }


def accounts(data: Data) -> Resolvers:
    def user_by_id(user_id: str) -> Obj | None:
        found = data.users.get(user_id)
        return None if found is None else _user(found)

    return Resolvers(
        fields={
            "Query": {
                "me": lambda *_: user_by_id(data.me),
                "user": lambda _, __, id: user_by_id(id),
                "users": lambda _, __, first: [_user(u) for u in list(data.users.values())[:first]],
            }
        },
        entities={"User": lambda r: user_by_id(r["id"])},
    )


def inventory(data: Data) -> Resolvers:
    def product(representation: Mapping[str, Any]) -> Obj | None:
        found = data.products.get(representation["upc"])
        if found is None:
            return None
        return {
            "__typename": "Product",
            "upc": found.upc,
            "price": representation.get("price"),
            "weight": representation.get("weight"),
            "stock": found.stock,
            "inStock": found.stock > 0,
        }

    def estimate(product: Obj, _: object) -> int:
        return shipping_estimate(product["price"], product["weight"])

    return Resolvers(
        fields={"Product": {"shippingEstimate": estimate}}, entities={"Product": product}
    )


def _product(product: Product) -> Obj:
    width, height, depth = product.dimensions
    return {
        "__typename": "Product",
        "upc": product.upc,
        "name": product.name,
        "price": product.price,
        "weight": product.weight,
        "dimensions": {"widthCm": width, "heightCm": height, "depthCm": depth},
    }


def products(data: Data) -> Resolvers:
    def by_upc(upc: str) -> Obj | None:
        found = data.products.get(upc)
        return None if found is None else _product(found)

    def related(product: Obj, _: object, first: int) -> list[Obj]:
        return [_product(data.products[u]) for u in data.products[product["upc"]].related[:first]]

    return Resolvers(
        fields={
            "Query": {
                "topProducts": lambda _, __, first: [
                    _product(data.products[u]) for u in data.top_products[:first]
                ],
                "product": lambda _, __, upc: by_upc(upc),
            },
            "Product": {"relatedProducts": related},
        },
        entities={"Product": lambda r: by_upc(r["upc"])},
    )


def reviews(data: Data) -> Resolvers:
    def review(found: Review) -> Obj:
        return {
            "__typename": "Review",
            "id": found.id,
            "body": found.body,
            "rating": found.rating,
            "author": {
                "__typename": "User",
                "id": found.author_id,
                "username": data.users[found.author_id].username,
            },
            "product": {"__typename": "Product", "upc": found.upc},
        }

    def listing(index: Mapping[str, list[Review]], key: str) -> Callable[..., list[Obj]]:
        def resolve(parent: Obj, _: object, first: int) -> list[Obj]:
            return [review(r) for r in index.get(parent[key], [])[:first]]

        return resolve

    def by_id(review_id: str) -> Obj | None:
        found = data.reviews.get(review_id)
        return None if found is None else review(found)

    return Resolvers(
        fields={
            "Query": {"review": lambda _, __, id: by_id(id)},
            "User": {"reviews": listing(data.reviews_by_author, "id")},
            "Product": {"reviews": listing(data.reviews_by_product, "upc")},
        },
        entities={
            "Review": lambda r: by_id(r["id"]),
            "User": lambda r: (
                {"__typename": "User", "id": r["id"]} if r["id"] in data.users else None
            ),
            "Product": lambda r: (
                {"__typename": "Product", "upc": r["upc"]} if r["upc"] in data.products else None
            ),
        },
    )


BY_SUBGRAPH: dict[str, Callable[[Data], Resolvers]] = {
    "accounts": accounts,
    "inventory": inventory,
    "products": products,
    "reviews": reviews,
}
