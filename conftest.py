"""Fixtures shared by every test folder."""

pytest_plugins = ["tests.fixtures.infra", "tests.fixtures.stack"]
