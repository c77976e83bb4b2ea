"""The web console, served locally: its build (`build`), its server (`python -m
devstack.webconsole`: the built files, the runtime config and, in development only, a
sign-in that mints tokens) and how the runner starts it (`launch`)."""
