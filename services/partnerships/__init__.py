"""Partnerships service: organisations, people, partnerships, calls, applications, visits."""
