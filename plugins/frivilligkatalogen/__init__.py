"""Frivilligkatalogen: a municipality's voluntary sector as a static site, from YAML in git.

The data flows one way, and the folders show it (see ``ARCHITECTURE.md``):
``base`` → ``load`` → ``model`` → ``catalog`` → ``views`` → ``build`` → ``registers`` →
``forms`` → ``adapters``. A module imports only from its own stage or earlier ones.
"""
