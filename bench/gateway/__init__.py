"""The gateway benchmark: this project's federation router against Apollo Gateway and Hive
Gateway (this one and Hive Gateway each with and without in-flight deduplication), on the
queries of one federated scenario of four subgraphs.

`python -m bench.gateway [--gateways python,apollo,hive,...] [--queries public,...]`; see
`__main__`.
"""
