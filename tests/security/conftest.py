"""The security tests use the fault tests' cluster of real processes where they need one."""

from tests.faults.conftest import cluster, cluster_database

__all__ = ["cluster", "cluster_database"]
