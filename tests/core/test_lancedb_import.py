"""`import lancedb` without the REST client's API classes (1.3 s of a new search process),
which still load, whole, the moment anything asks for one."""
from __future__ import annotations

import subprocess
import sys

_PROBE = r"""
import sys
from core.library.store import import_lancedb
lancedb = import_lancedb()
print("api" if "lance_namespace_urllib3_client.api" in sys.modules else "no-api")
db = lancedb.connect(sys.argv[1])
db.create_table("t", [{"x": 1}])
print(db.open_table("t").count_rows())
import lance_namespace_urllib3_client as client
print(client.ApiClient.__name__, "lance_namespace_urllib3_client.api" in sys.modules)
"""


def test_lancedb_imports_without_the_rest_client_and_still_works(tmp_path):
    out = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "db")], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out == ["no-api", "1", "ApiClient", "True"]
