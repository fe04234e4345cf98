"""Insyn: validates citizen-dialogue files against a municipality's policy and publishes them.

The pipeline is visible in the sub-packages: ``load`` → ``check`` → ``summarise`` →
``render`` → ``build`` → ``publish``.
"""

__version__ = "0.2.0"
