"""Where things live: package resources (read-only) and the user's data folder.

Resources are looked up relative to the package, never the working directory, so that a frozen
or installed copy finds them the same way a source checkout does. Nothing is ever written here.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path


def _package_dir() -> Path:
    return Path(str(resources.files("app")))


def _find(bundled: str, source: str) -> Path:
    # Wheels and frozen bundles carry the folders inside the package (see pyproject force-include);
    # a source checkout has them beside the package.
    inside = _package_dir() / bundled
    if inside.is_dir():
        return inside
    return _package_dir().parent / source


def resources_dir() -> Path:
    return _find("_resources", "resources")


def forms_dir() -> Path:
    return _find("_forms", "forms")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def form(name: str) -> Path:
    return forms_dir() / name


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, APPDATA on Windows)."""
    override = os.environ.get("XUNCHA_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "xuncha-workbench"
