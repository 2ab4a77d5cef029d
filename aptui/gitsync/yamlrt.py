"""ruamel.yaml round-trip, configured for the smallest diffs.

The same settings as the edit layer's writer: quotes kept, lists indented as
in the school files (``indent(mapping=2, sequence=4, offset=2)``), no line
wrapping.  A file read and written back unchanged is byte-identical.
"""

from __future__ import annotations

import io
import threading
from typing import Any

from ruamel.yaml import YAML

_local = threading.local()


def _yaml() -> YAML:
    """One configured instance per thread (ruamel instances are not thread-safe)."""
    yaml = getattr(_local, "yaml", None)
    if yaml is None:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.indent(mapping=2, sequence=4, offset=2)
        yaml.width = 4096
        _local.yaml = yaml
    return yaml


def load_rt(text: str) -> Any:
    """Parse a document keeping comments, order and quoting."""
    return _yaml().load(text)


def dump_rt(data: Any) -> str:
    """Write a document read with load_rt (or built from its nodes)."""
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()
