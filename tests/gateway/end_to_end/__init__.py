"""Helpers of the end-to-end test: the real services and the gateway process."""
