"""Third-party browser files, installed from npm (pinned in package-lock.json) and served by the
site itself from ``vendor/``, so no page asks another host for anything."""

from __future__ import annotations

import shutil
from pathlib import Path

FILES = {
    "lunr/lunr.min.js": "lunr/lunr.min.js",
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "markercluster/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}
"""Where each file goes under ``vendor/`` ← where npm puts it under ``node_modules/``."""


class VendorMissing(SystemExit):
    def __init__(self, path: Path):
        super().__init__(f"pillar: {path} is missing — run `npm ci` in the site's folder (make install does it), "
                         "or set NODE_MODULES_PATH")


def node_modules(settings: dict) -> Path:
    """``NODE_MODULES_PATH``, or ``node_modules`` beside the content folder, or beside the plugin."""
    if settings.get("NODE_MODULES_PATH"):
        return Path(settings["NODE_MODULES_PATH"])
    beside_site = Path(settings["PATH"]).parent / "node_modules"
    if beside_site.is_dir():
        return beside_site
    return Path(__file__).resolve().parents[3] / "node_modules"


def copy(source_root: Path, output: Path) -> None:
    for target, source in FILES.items():
        origin = source_root / source
        if not origin.is_file():
            raise VendorMissing(origin)
        destination = output / "vendor" / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, destination)
