"""The gateway benchmark: this project's federation router against Apollo Gateway and Hive
Gateway, on one federated scenario of four subgraphs.

`python -m bench.gateway [--gateways python,apollo,hive] [--repeats 3]`; see `__main__`.
"""
