"""How fast the web console shows its pages with the demo data, measured in Chromium against
the whole local stack (`python -m bench.web`)."""
