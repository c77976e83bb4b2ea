"""The gateway's HTTP layer: /graphql, health, GraphiQL, request limits, APQ, CSRF, auth."""

from .app import create_app

__all__ = ["create_app"]
