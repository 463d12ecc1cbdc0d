"""The web application: a JSON API over the store and the dashboard that uses it.

``create_app(db, config)`` builds the FastAPI app (``sahelwatch serve`` runs it under
uvicorn). FastAPI is imported only when an app is built, so importing this package is cheap.
"""

from __future__ import annotations

from sahelwatch.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]


def create_app(db: str, config: WebConfig | None = None):
    from sahelwatch.web.app import create_app as _create_app

    return _create_app(db, config)
