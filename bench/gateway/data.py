"""The scenario's data, generated from a seed so every subgraph process builds the same."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

SEED = 7
USERS = 1_000
PRODUCTS = 500
REVIEWS = 5_000

_FIRST = ["Amina", "Björn", "Chiara", "Dawit", "Elin", "Farah", "Goran", "Hanna", "Ines", "Jonas"]
_LAST = ["Kibwana", "Lindqvist", "Mwangi", "Nyberg", "Okello", "Persson", "Quispe", "Rask"]
_ADJECTIVES = ["Compact", "Durable", "Folding", "Solar", "Quiet", "Modular", "Rugged", "Smart"]
_NOUNS = ["Lamp", "Kettle", "Pump", "Radio", "Bicycle", "Stove", "Filter", "Charger", "Tent"]
_OPENINGS = ["Works as described", "Arrived late but", "Better than expected", "Not bad", "Sturdy"]
_ENDINGS = ["would buy again.", "the manual is thin.", "good value.", "ok for the price."]


@dataclass(frozen=True)
class User:
    id: str
    name: str
    username: str
    birth_date: str
    email: str


@dataclass(frozen=True)
class Product:
    upc: str
    name: str
    price: int
    weight: int
    dimensions: tuple[float, float, float]
    related: tuple[str, ...]
    stock: int


@dataclass(frozen=True)
class Review:
    id: str
    body: str
    rating: int
    author_id: str
    upc: str


@dataclass(frozen=True)
class Data:
    users: dict[str, User]
    products: dict[str, Product]
    top_products: list[str]
    """Product UPCs, most reviewed first (ties by UPC)."""
    reviews: dict[str, Review]
    reviews_by_author: dict[str, list[Review]]
    reviews_by_product: dict[str, list[Review]]
    me: str


@cache
def generate(seed: int = SEED) -> Data:
    rng = random.Random(seed)
    users = {}
    for n in range(1, USERS + 1):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
        users[f"u{n}"] = User(
            id=f"u{n}",
            name=f"{first} {last}",
            username=f"{first.lower()}{n}",
            birth_date=born.isoformat(),
            email=f"{first.lower()}.{last.lower()}{n}@example.org",
        )
    upcs = [f"p{n:04d}" for n in range(1, PRODUCTS + 1)]
    products = {
        upc: Product(
            upc=upc,
            name=f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {upc[1:]}",
            price=rng.randrange(199, 99_999),
            weight=rng.randrange(50, 20_000),
            dimensions=(
                round(rng.uniform(5, 120), 1),
                round(rng.uniform(5, 120), 1),
                round(rng.uniform(5, 120), 1),
            ),
            related=tuple(rng.sample([u for u in upcs if u != upc], 5)),
            stock=max(0, rng.randrange(-40, 200)),
        )
        for upc in upcs
    }
    reviews = {
        f"r{n}": Review(
            id=f"r{n}",
            body=f"{rng.choice(_OPENINGS)}, {rng.choice(_ENDINGS)}",
            rating=rng.randint(1, 5),
            author_id=f"u{rng.randint(1, USERS)}",
            upc=rng.choice(upcs),
        )
        for n in range(1, REVIEWS + 1)
    }
    by_author: dict[str, list[Review]] = {}
    by_product: dict[str, list[Review]] = {}
    for review in reviews.values():
        by_author.setdefault(review.author_id, []).append(review)
        by_product.setdefault(review.upc, []).append(review)
    top = sorted(upcs, key=lambda upc: (-len(by_product.get(upc, [])), upc))
    return Data(users, products, top, reviews, by_author, by_product, me="u1")


def shipping_estimate(price: int, weight: int) -> int:
    """Days; expensive goods go express, heavy ones slowly."""
    if price > 50_000:
        return 1
    return 2 + weight // 4_000
