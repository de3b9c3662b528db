"""What every test that touches data or starts a server shares: the folders it points at a
temporary place, and how it stops a process it started."""

from __future__ import annotations

import subprocess
from typing import Any, Final

ISOLATED_FOLDERS: Final = {
    "WORKBOOK_HOME": "workbook-home",
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}
"""Each data and configuration folder's variable, and the name of its temporary folder."""


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a process this test started, by its id: politely, then for good."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
