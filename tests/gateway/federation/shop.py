"""The `shop` scenario shared by several modules: accounts (users), orders (orders, with buyers
and sellers), ratings (adds ratings to both). Small, mutable data with its own reset."""

from __future__ import annotations

import copy

from graphql import GraphQLError

from tests.gateway.support.federation import scenario_sdl
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "shop"

USERS: list[Row] = [
    {"id": "u1", "name": "Ada", "nickname": "ada", "email": "ada@visby.se", "role": "ADMIN"},
    # u2 breaks promises: no nickname although it is non-null; an email nobody may see.
    {"id": "u2", "name": "Ben", "nickname": None, "email": "hidden", "role": "MEMBER"},
    {"id": "u3", "name": "Cy", "nickname": "cy", "email": None, "role": "MEMBER"},
]
ORDERS: list[Row] = [
    {
        "id": "o1",
        "item": "Lamp",
        "status": "OPEN",
        "price": 100,
        "note": "fragile",
        "buyer": {"id": "u1"},
        "seller": {"id": "u3"},
    },
    {
        "id": "o2",
        "item": "Desk",
        "status": "OPEN",
        "price": 400,
        "note": None,
        "buyer": {"id": "u2"},
        "seller": {"id": "u1"},
    },
    {
        "id": "o3",
        "item": "Sofa",
        "status": "SHIPPED",
        "price": 900,
        "note": None,
        # u9 is unknown to accounts: its entity fetch answers null.
        "buyer": {"id": "u9"},
        "seller": {"id": "u2"},
    },
]
RATINGS: list[Row] = [
    {"id": "o1", "rating": 5, "stars": 5},
    {"id": "o2", "rating": 3, "stars": 3},
    {"id": "o3", "rating": None, "stars": 1},
]
SCORES: list[Row] = [{"id": "u1", "score": 10}, {"id": "u2", "score": 7}, {"id": "u3", "score": 1}]


class Shop:
    """The data the subgraphs serve and change, and a journal of mutations in the order the
    subgraphs performed them."""

    def __init__(self) -> None:
        self.users: list[Row] = []
        self.orders: list[Row] = []
        self.journal: list[str] = []
        self.reset()

    def reset(self) -> None:
        self.users = copy.deepcopy(USERS)
        self.orders = copy.deepcopy(ORDERS)
        self.journal = []

    def user(self, id: str) -> Row | None:
        return next((user for user in self.users if user["id"] == id), None)

    def order(self, id: str) -> Row | None:
        return next((order for order in self.orders if order["id"] == id), None)

    def subgraphs(self) -> list[Subgraph]:
        return [
            Subgraph(
                "accounts",
                scenario_sdl(SCENARIO, "accounts"),
                resolvers={
                    "Query": {
                        "me": lambda _root, _info: self.users[0],
                        "user": lambda _root, _info, id: self.user(id),
                        "users": self._users,
                    },
                    "Mutation": {"rename": self._rename},
                    "User": {"email": _email},
                },
                entities={"User": lambda reps: [self.user(rep["id"]) for rep in reps]},
            ),
            Subgraph(
                "orders",
                scenario_sdl(SCENARIO, "orders"),
                resolvers={
                    "Query": {"orders": self._orders, "order": self._order},
                    "Mutation": {"placeOrder": self._place_order},
                    "Order": {"total": _total},
                    "User": {"orders": self._orders_of},
                },
                entities={"Order": lambda reps: [self.order(rep["id"]) for rep in reps]},
            ),
            Subgraph(
                "ratings",
                scenario_sdl(SCENARIO, "ratings"),
                entities={"Order": by_key(RATINGS, "id"), "User": by_key(SCORES, "id")},
            ),
        ]

    def _users(self, _root: object, _info: object, first: int, role: str) -> list[Row]:
        return [user for user in self.users if user["role"] == role][:first]

    def _orders(self, _root: object, _info: object, status: str | None) -> list[Row]:
        # An explicit null status asks for orders of every status.
        return [order for order in self.orders if status in (None, order["status"])]

    def _order(self, _root: object, _info: object, id: str) -> Row:
        order = self.order(id)
        if order is None:
            raise GraphQLError(f"no order {id}", extensions={"code": "NOT_FOUND"})
        return order

    def _orders_of(self, user: Row, _info: object) -> list[Row]:
        return [order for order in self.orders if order["buyer"]["id"] == user["id"]]

    def _rename(self, _root: object, _info: object, id: str, name: str) -> Row:
        # Mutations run one after another: this one must see the order placed before it.
        if self.journal != ["placeOrder Lamp"]:
            raise GraphQLError(f"rename ran after {self.journal}")
        user = self.user(id)
        assert user is not None
        user["name"] = name
        self.journal.append(f"rename {name}")
        return user

    def _place_order(self, _root: object, _info: object, buyer: str, item: str) -> Row:
        order: Row = {
            "id": f"o{len(self.orders) + 1}",
            "item": item,
            "status": "OPEN",
            "price": 10 * len(self.journal),
            "note": f"after {len(self.journal)} mutations",
            "buyer": {"id": buyer},
            "seller": {"id": "u1"},
        }
        self.orders.append(order)
        self.journal.append(f"placeOrder {item}")
        return order


def _email(user: Row, _info: object, masked: bool) -> str | None:
    email: str | None = user["email"]
    if email == "hidden":
        raise GraphQLError("email hidden", extensions={"code": "FORBIDDEN"})
    if email is None or not masked:
        return email
    return email[0] + "***" + email[email.index("@") :]


def _total(order: Row, _info: object, withTax: bool) -> int:
    price: int = order["price"]
    return price * 125 // 100 if withTax else price
