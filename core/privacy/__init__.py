"""The privacy boundary: what may leave the machine, in what form, and the record of it.

* ``policy``: ``CloudPolicy`` (off by default; the one switch) and ``KeyStore`` (OS keyring).
* ``redaction``: ``Redactor`` finds personal data and swaps it for ``[PERSON_1]``-style
  placeholders; ``reidentify`` puts it back into the reply.
* ``audit``: ``AuditLog`` under ``<home>/audit.sqlite``, with ``erase_path`` and ``erase_all``.
* ``gateway``: ``CloudGateway``, the ``ChatBackend`` every cloud call goes through, and
  ``claude_gateway(home, ...)`` which builds it around the Claude backend.
"""
from core.privacy.audit import AuditEntry, AuditLog, estimate_cost
from core.privacy.gateway import CloudGateway, Prepared, claude_gateway
from core.privacy.policy import FEATURES, MODES, CloudPolicy, KeyStore
from core.privacy.redaction import PlaceholderBook, Redaction, Redactor, StreamReidentifier, reidentify

__all__ = ["AuditEntry", "AuditLog", "estimate_cost", "CloudGateway", "Prepared", "claude_gateway", "FEATURES",
           "MODES", "CloudPolicy", "KeyStore", "PlaceholderBook", "Redaction", "Redactor", "StreamReidentifier",
           "reidentify"]
