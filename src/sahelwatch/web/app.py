"""The FastAPI application: the JSON API over the store, and the dashboard's files.

One process serves one store. DuckDB connections are not safe to share between
threads, and FastAPI runs plain ``def`` endpoints in a thread pool, so every worker
thread reads through its own cursor (a connection to the same database, see
``StoreAccess``); writes (``POST /api/documents``) are serialised by a lock because
DuckDB allows one writer at a time.
"""



import copy
import datetime as dt
import json
import math
import tempfile
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sahelwatch.schema import EVENT_TYPES, Document
from sahelwatch.store import SORTABLE, EventFilter, open_store
from sahelwatch.store.sql import order_limit, row_to_record
from sahelwatch.web import keys as api_keys
from sahelwatch.web.config import WebConfig

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
MAX_PAGE = 1000

# Columns the dashboard needs for every point of the map and the timeline; the rest of
# an event is fetched when it is opened. Keeps 50,000 events to a few MB.
MAP_COLUMNS = (
    "event_uid", "event_date", "event_type", "sub_event_type", "fatalities",
    "actor1", "actor2", "admin1", "country", "location", "latitude", "longitude",
)


# --------------------------------------------------------------------------------------
# Responses and errors
# --------------------------------------------------------------------------------------


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class SafeJSONResponse(JSONResponse):
    """JSON that never fails on a stray NaN/inf (rendered null) or a date (ISO string)."""

    def render(self, content: Any) -> bytes:
        try:
            text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_default)
        except ValueError:
            text = json.dumps(_finite(content), ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_default)
        return text.encode("utf-8")


def bad_input(field: str, message: str, status: int = 422) -> HTTPException:
    """A 4xx whose message starts with the offending field, as the CLI's messages do."""
    return HTTPException(status, detail=f"{field}: {message}" if not message.startswith(field) else message,
                         headers={"X-Error-Field": field})


def _field_of(loc: tuple | list) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "form")]
    return ".".join(parts) or "body"


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": _field_of(e.get("loc", ())), "message": e.get("msg", "invalid")} for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return SafeJSONResponse({"detail": detail, "errors": errors}, status_code=422)


async def http_error_handler(request: Request, exc: HTTPException) -> JSONResponse:
    body: dict[str, Any] = {"detail": exc.detail}
    headers = dict(exc.headers or {})
    if "X-Error-Field" in headers:
        body["field"] = headers.pop("X-Error-Field")
    return SafeJSONResponse(body, status_code=exc.status_code, headers=headers or None)


# --------------------------------------------------------------------------------------
# Store access from worker threads
# --------------------------------------------------------------------------------------


def _tune(con) -> None:
    """DuckDB settings for serving pages of wide rows.

    A page is ``SELECT * ... ORDER BY ... LIMIT n``: DuckDB can sort on the key columns
    and fetch the other ~40 columns for the n winners only ("late materialization"), but
    by default only for n <= 50. Pages go up to MAX_PAGE rows; raising the bound makes a
    100-row page on 1M events ~10x faster (see docs/WEB.md).
    """
    try:
        con.execute(f"SET late_materialization_max_rows = {MAX_PAGE}")
    except Exception:  # noqa: BLE001 - an older DuckDB without the setting: just slower
        pass


class StoreAccess:
    """Hands each worker thread a view of the store bound to its own DuckDB cursor.

    The view is a shallow copy of the store object with ``con`` replaced, so every store
    method (including a subclass's ``event_source``) works unchanged. Other backends
    (PostgreSQL) are used through one lock.
    """

    def __init__(self, store) -> None:
        self.store = store
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[Any] = []
        self._cursors_lock = threading.Lock()
        self._shared_lock = threading.RLock()
        try:
            import duckdb

            self.per_thread = isinstance(getattr(store, "con", None), duckdb.DuckDBPyConnection)
        except ImportError:  # pragma: no cover - duckdb is a dependency
            self.per_thread = False

    @contextmanager
    def read(self) -> Iterator[Any]:
        if not self.per_thread:
            with self._shared_lock:
                yield self.store
            return
        view = getattr(self._local, "view", None)
        if view is None:
            view = copy.copy(self.store)
            view.con = self.store.con.cursor()
            _tune(view.con)
            with self._cursors_lock:
                self._cursors.append(view.con)
            self._local.view = view
        yield view

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self.write_lock, self.read() as view:
            yield view

    def close(self) -> None:
        with self._cursors_lock:
            for cursor in self._cursors:
                try:
                    cursor.close()
                except Exception:  # noqa: BLE001 - closing on shutdown, nothing to do
                    pass
            self._cursors.clear()
        self.store.close()


# --------------------------------------------------------------------------------------
# Models (for validation and the OpenAPI schema)
# --------------------------------------------------------------------------------------


class DocumentIn(BaseModel):
    """A report to ingest. Only ``text`` is required."""

    model_config = ConfigDict(extra="forbid")

    id: Optional[str] = Field(None, max_length=500, description="Your id for the report (default: derived from the text)")
    text: str = Field(..., min_length=1, description="The plain text of the report")
    published: Optional[dt.date] = Field(None, description="Publication date, YYYY-MM-DD (relative dates are read against it)")
    source: Optional[str] = Field(None, max_length=500)
    url: Optional[str] = Field(None, max_length=2000)
    title: Optional[str] = Field(None, max_length=2000)
    author: Optional[str] = Field(None, max_length=500)
    country: Optional[str] = Field(None, max_length=100, description="Country the report is about, if it does not say")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class IngestResult(BaseModel):
    doc_id: str
    content_hash: str
    created: bool
    event_count: int
    events: list[dict[str, Any]]


# --------------------------------------------------------------------------------------
# Query parameters shared by the read endpoints
# --------------------------------------------------------------------------------------

OrderBy = Literal.__getitem__(SORTABLE)


def _parse_floats(value: str | None, count: int, field: str, shape: str) -> tuple[float, ...] | None:
    if value is None or value == "":
        return None
    try:
        numbers = tuple(float(p) for p in value.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise bad_input(field, f"expected {shape}, got {value!r}")
    return numbers


def event_filter(
    date_from: Annotated[Optional[dt.date], Query(description="Events on or after this date (YYYY-MM-DD)")] = None,
    date_to: Annotated[Optional[dt.date], Query(description="Events on or before this date (YYYY-MM-DD)")] = None,
    country: Annotated[Optional[str], Query(max_length=200)] = None,
    admin1: Annotated[Optional[str], Query(max_length=200)] = None,
    actor: Annotated[Optional[str], Query(max_length=200, description="Actor name or part of it (either side)")] = None,
    type: Annotated[Optional[str], Query(max_length=200, description="Event type or sub-event type")] = None,
    bbox: Annotated[Optional[str], Query(max_length=200, description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")] = None,
    near: Annotated[Optional[str], Query(max_length=200, description="LAT,LON (with radius_km)")] = None,
    radius_km: Annotated[Optional[float], Query(gt=0, le=20_000, description="Radius around `near`, km")] = None,
    text: Annotated[Optional[str], Query(max_length=500, description="Text to find in the notes")] = None,
    origin: Annotated[Optional[str], Query(max_length=50, description="coder, acled, ucdp...")] = None,
    doc_id: Annotated[Optional[str], Query(max_length=500)] = None,
    fused: Annotated[bool, Query(description="One row per fused event (true) or every source's event (false)")] = True,
) -> EventFilter:
    box = _parse_floats(bbox, 4, "bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    if box is not None:
        min_lon, min_lat, max_lon, max_lat = box
        if not (min_lon <= max_lon and min_lat <= max_lat):
            raise bad_input("bbox", "expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT with min <= max")
    point = _parse_floats(near, 2, "near", "LAT,LON")
    if point is not None and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise bad_input("near", "latitude must be within -90..90 and longitude within -180..180")
    if (point is None) != (radius_km is None):
        raise bad_input("near" if point is None else "radius_km", "near=LAT,LON and radius_km=KM go together")
    if date_from and date_to and date_from > date_to:
        raise bad_input("date_from", f"{date_from} is after date_to {date_to}")
    f = EventFilter(
        date_from=date_from, date_to=date_to, country=country or None, admin1=admin1 or None,
        actor=actor or None, event_type=type or None, bbox=box, point=point,  # type: ignore[arg-type]
        radius_km=radius_km, text=text or None, origin=origin or None, doc_id=doc_id or None, fused=fused,
    )
    _validate(f)
    return f


def _validate(f: EventFilter) -> None:
    try:
        f.validate()
    except ValueError as exc:
        message = str(exc)
        raise bad_input(message.split(":", 1)[0].split(" ", 1)[0], message) from None


FilterDep = Annotated[EventFilter, Depends(event_filter)]


# --------------------------------------------------------------------------------------
# The app
# --------------------------------------------------------------------------------------


def create_app(db: str, config: WebConfig | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (a DuckDB path or postgresql:// URL)."""
    config = config or WebConfig.from_env()
    store = open_store(db)
    if hasattr(store, "refresh_fused_table"):
        store.refresh_fused_table()  # pages of fused events read its table copy (fast) when current
    api_keys.ensure_table(store)
    access = StoreAccess(store)
    helpers = _Helpers(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        access.close()

    app = FastAPI(
        title="sahelwatch",
        summary="Conflict events in ACLED's schema, with their evidence and sources.",
        version=_version(),
        lifespan=lifespan,
        # FastAPI's default docs pages load Swagger UI/ReDoc from a CDN; /docs is served
        # below from the vendored copy so it works offline, and ReDoc is left out.
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.config = config
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    # Level 1: JSON compresses ~7x even so, at half the CPU of level 5 (50,000 map
    # features: 3.4 MB in 140 ms vs 2.8 MB in 270 ms on this machine's 2 cores).
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)

    key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from `sahelwatch keys create`")
    bearer = HTTPBearer(auto_error=False, description="The same API key as a bearer token")

    def presented_key(
        x_api_key: Annotated[Optional[str], Depends(key_header)] = None,
        authorization: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer)] = None,
    ) -> str | None:
        return x_api_key or (authorization.credentials if authorization else None)

    def _check_key(token: str | None) -> str:
        if not token:
            raise HTTPException(401, "an API key is required: send it as X-API-Key or Authorization: Bearer",
                                headers={"WWW-Authenticate": "Bearer"})
        with access.read() as view:
            key_id = api_keys.verify_key(view, token)
        if key_id is None:
            raise HTTPException(401, "the API key is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
        return key_id

    def require_writer(token: Annotated[Optional[str], Depends(presented_key)]) -> str:
        return _check_key(token)

    def require_reader(token: Annotated[Optional[str], Depends(presented_key)]) -> None:
        if config.require_key_for_reads:
            _check_key(token)

    ReadAuth = [Depends(require_reader)]

    # -- events ------------------------------------------------------------------------
    @app.get("/api/events", response_model=EventPage, dependencies=ReadAuth, tags=["events"])
    def list_events(
        f: FilterDep,
        limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
        order_by: Annotated[OrderBy, Query(description="Column to sort on")] = "event_date",  # type: ignore[valid-type]
        desc: Annotated[bool, Query(description="Sort descending")] = True,
    ):
        """Events matching the filters, a page at a time, with the total count."""
        f.limit, f.offset, f.order_by, f.descending = limit, offset, order_by, desc
        with access.read() as view:
            total = view.count(f)
            rows = helpers.page(view, f, access.per_thread) if limit else []
        for row in rows:
            row.pop("raw", None)
        return SafeJSONResponse({"total": total, "limit": limit, "offset": offset, "events": rows})

    @app.get("/api/events.geojson", dependencies=ReadAuth, tags=["events"],
             responses={200: {"content": {"application/geo+json": {}}, "description": "A GeoJSON FeatureCollection"}})
    def events_geojson(
        f: FilterDep,
        limit: Annotated[int, Query(ge=0, le=config.max_geojson_features)] = 50_000,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
        properties: Annotated[Literal["full", "map"], Query(description="full: every column; map: what the map needs")] = "full",
    ):
        """The events matching the filters as GeoJSON points (events without coordinates have null geometry)."""
        f.limit, f.offset = limit, offset
        with access.read() as view:
            total = view.count(f)
            if properties == "map":
                records = helpers.map_records(view, f)
            else:
                records = view.query(f)
        from sahelwatch.store.export import geojson_feature

        features = []
        if properties == "map":
            # Lean features for the dashboard: coordinates only in the geometry, rounded to
            # ~1 m (5 decimals), which cuts the JSON for 50,000 events by about a third.
            for rec in records:
                lat, lon = rec.pop("latitude"), rec.pop("longitude")
                geometry = None
                if lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon):
                    geometry = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
                features.append({"type": "Feature", "id": rec["event_uid"], "geometry": geometry, "properties": rec})
        else:
            for rec in records:
                rec.pop("raw", None)
                features.append(geojson_feature(rec))
        body = {"type": "FeatureCollection", "total": total, "features": features}
        return SafeJSONResponse(body, media_type="application/geo+json", headers={"X-Total-Count": str(total)})

    @app.get("/api/events/{event_id}", dependencies=ReadAuth, tags=["events"])
    def get_event(event_id: str):
        """One event with every field, its member events (when fused), sources, evidence and the documents' text."""
        with access.read() as view:
            rec = view.get_event(event_id)
            if rec is None:
                raise HTTPException(404, f"event_id: no event with id {event_id!r}")
            return SafeJSONResponse(helpers.event_detail(view, rec))

    @app.get("/api/stats", dependencies=ReadAuth, tags=["analysis"])
    def stats(
        f: FilterDep,
        interval: Annotated[Literal["month", "week"], Query()] = "month",
        top: Annotated[int, Query(ge=1, le=100, description="Actors and admin1 beyond the top N are summed as (other)")] = 10,
    ):
        """Events and fatalities per month (or week) by event type, by actor and by admin1."""
        with access.read() as view:
            return SafeJSONResponse(helpers.stats(view, f, interval, top))

    @app.get("/api/actors", dependencies=ReadAuth, tags=["analysis"])
    def actors(
        f: FilterDep,
        q: Annotated[Optional[str], Query(max_length=200, description="Part of the actor's name")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ):
        """Actors (either side) with event and fatality counts, and their registry entry where there is one."""
        with access.read() as view:
            return SafeJSONResponse(helpers.actors(view, f, q, limit))

    @app.get("/api/places", dependencies=ReadAuth, tags=["analysis"])
    def places(
        q: Annotated[str, Query(min_length=1, max_length=200, description="Place name (any spelling)")],
        country: Annotated[Optional[str], Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ):
        """Places matching ``q``: from the gazetteer, and those seen in the store's events."""
        with access.read() as view:
            return SafeJSONResponse(helpers.places(view, q, country, limit))

    # -- documents ---------------------------------------------------------------------
    document_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": DocumentIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary", "description": ".txt .md .html .pdf"},
                            **{k: {"type": "string"} for k in ("id", "published", "source", "url", "title", "author", "country")},
                        },
                    }
                },
            },
        }
    }

    @app.post("/api/documents", status_code=201, response_model=IngestResult, tags=["documents"],
              openapi_extra=document_body,
              responses={200: {"description": "Already stored (same text): nothing written"},
                         401: {"description": "No valid API key"}, 422: {"description": "Invalid field"}})
    async def post_document(request: Request, key_id: Annotated[str, Depends(require_writer)]):
        """Ingest one report (JSON, or a file upload): code its events and store both, atomically."""
        doc = await _read_document(request, config)
        result = await run_in_threadpool(helpers.ingest, access, doc, key_id)
        return SafeJSONResponse(result, status_code=201 if result["created"] else 200)

    # -- dashboard support -------------------------------------------------------------
    @app.get("/api/config", tags=["dashboard"])
    def dashboard_config():
        """What the dashboard needs to draw itself: tiles, boundary layers, the taxonomy."""
        return SafeJSONResponse({
            "tiles": config.tiles,
            "tiles_attribution": config.tiles_attribution,
            "boundaries": [{"name": name, "url": f"/api/boundaries/{name}", "source": src}
                           for name, (_path, src) in helpers.boundary_layers().items()],
            "require_key_for_reads": config.require_key_for_reads,
            "event_types": EVENT_TYPES,
            "sortable": list(SORTABLE),
            "assets_built": (VENDOR_DIR / "maplibre-gl.js").is_file(),
            "version": _version(),
        })

    @app.get("/api/boundaries/{name}", tags=["dashboard"],
             responses={200: {"content": {"application/geo+json": {}}}})
    def boundary(name: str):
        """A boundary layer (GeoJSON) by name, as listed in /api/config."""
        layer = helpers.boundary_layers().get(name)
        if layer is None:
            raise HTTPException(404, f"name: no boundary layer {name!r}")
        return FileResponse(layer[0], media_type="application/geo+json")

    @app.get("/api/health", tags=["dashboard"])
    def health():
        return {"status": "ok"}

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs():
        if not (VENDOR_DIR / "swagger-ui-bundle.js").is_file():
            return HTMLResponse("<p>The API docs' assets are not built: run scripts/build_web_assets.sh. "
                                "The schema is at <a href='/openapi.json'>/openapi.json</a>.</p>")
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="sahelwatch API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js", swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index():
        return HTMLResponse((STATIC_DIR / "index.html").read_text(encoding="utf-8"),
                            headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("sahelwatch")
    except Exception:  # noqa: BLE001 - running from a source tree
        return "0"


# --------------------------------------------------------------------------------------
# Reading a posted document
# --------------------------------------------------------------------------------------


async def _read_document(request: Request, config: WebConfig) -> Document:
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > config.max_upload_bytes:
        raise bad_input("body", f"larger than {config.max_upload_bytes} bytes", status=413)
    if ctype == "application/json":
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise bad_input("body", "not valid JSON") from None
        if not isinstance(payload, dict):
            raise bad_input("body", "expected a JSON object with at least a 'text' field")
        return _document_from_fields(payload)
    if ctype == "multipart/form-data":
        try:
            form = await request.form()
        except Exception as exc:  # noqa: BLE001 - malformed multipart bodies are the client's error
            raise bad_input("body", f"could not read the multipart form: {exc}") from None
        upload = form.get("file")
        fields = {k: v for k, v in form.items() if k != "file" and isinstance(v, str) and v != ""}
        if upload is None or isinstance(upload, str):
            if "text" in fields:
                return _document_from_fields(fields)
            raise bad_input("file", "expected a file upload in the 'file' field")
        data = await upload.read()
        if len(data) > config.max_upload_bytes:
            raise bad_input("file", f"larger than {config.max_upload_bytes} bytes", status=413)
        return await run_in_threadpool(_document_from_upload, upload.filename or "upload.txt", data, fields)
    raise bad_input("content-type", "expected application/json or multipart/form-data", status=415)


def _document_from_fields(payload: dict[str, Any]) -> Document:
    try:
        doc_in = DocumentIn.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = _field_of(first.get("loc", ())) or "body"
        raise bad_input(field, first.get("msg", "invalid")) from None
    if not doc_in.text.strip():
        raise bad_input("text", "must not be blank")
    doc = Document(
        doc_id="", text=doc_in.text, published=doc_in.published, source=doc_in.source, url=doc_in.url,
        title=doc_in.title, author=doc_in.author, country=doc_in.country,
    )
    doc.doc_id = doc_in.id or f"api-{doc.content_hash[:16]}"
    return doc


def _document_from_upload(filename: str, data: bytes, fields: dict[str, str]) -> Document:
    """Read an uploaded file with the same readers as ``sahelwatch ingest``."""
    from sahelwatch.ingest.readers import read_documents

    name = Path(filename).name or "upload.txt"
    suffix = Path(name).suffix.lower() or ".txt"
    if suffix not in (".txt", ".md", ".html", ".htm", ".pdf", ".text", ".markdown"):
        raise bad_input("file", f"unsupported file type {suffix!r}; expected .txt, .md, .html or .pdf")
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sahelwatch-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        docs = list(read_documents([str(path)], lambda p: problems.append(str(p.message))))
    if not docs:
        raise bad_input("file", "could not read a report from it" + (f": {problems[0]}" if problems else ""))
    doc = docs[0]
    if not doc.text.strip():
        raise bad_input("file", "has no text")
    doc.path = None
    overrides = {k: fields[k] for k in ("source", "url", "title", "author", "country") if k in fields}
    for key, value in overrides.items():
        setattr(doc, key, value)
    if "published" in fields:
        try:
            doc.published = dt.date.fromisoformat(fields["published"])
        except ValueError:
            raise bad_input("published", f"expected YYYY-MM-DD, got {fields['published']!r}") from None
    doc.doc_id = fields.get("id") or name
    return doc


# --------------------------------------------------------------------------------------
# The work behind the endpoints
# --------------------------------------------------------------------------------------


class _Helpers:
    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self._coder = None
        self._coder_lock = threading.Lock()
        self._registry: Any = False  # False: not tried yet; None: not available
        self._registry_lock = threading.Lock()
        self._gazetteers = threading.local()  # sqlite connections are per thread

    # -- pages -------------------------------------------------------------------------
    def page(self, view, f: EventFilter, duckdb_backend: bool) -> list[dict[str, Any]]:
        """The store's ``query(f)`` for one page, fetched in two steps when it reads a view.

        DuckDB sorts a page of a table on its key columns and fetches the wide rows for
        the winners only (late materialization), but not through a view such as the fused
        layer's ``UNION ALL``: there, every matching row is materialised first (~0.5 s at
        1M events). So the uids of the page are selected first (narrow, fast), then their
        rows. Same filter, same order, same records.
        """
        source = view.event_source(f)
        if not duckdb_backend or source != "events_fused":  # tables: late materialization works
            return view.query(f)
        where, params = view.where(f)
        tail, tail_params = order_limit(f)
        uids = [row[0] for row in view.execute(f"SELECT event_uid FROM {source}{where}{tail}", params + tail_params).fetchall()]
        if not uids:
            return []
        cur = view.execute(f"SELECT * FROM {source} WHERE event_uid IN ({', '.join('?' for _ in uids)})", uids)
        columns = [d[0] for d in cur.description]
        by_uid = {}
        for row in cur.fetchall():
            rec = row_to_record(columns, row)
            by_uid[rec["event_uid"]] = rec
        return [by_uid[uid] for uid in uids if uid in by_uid]

    # -- map points --------------------------------------------------------------------
    def map_records(self, view, f: EventFilter) -> list[dict[str, Any]]:
        select_sql = getattr(view, "select_sql", None)  # PostgreSQL: a fused page asked of each branch
        if select_sql is not None:
            sql, params = select_sql(f, ", ".join(MAP_COLUMNS))
        else:
            where, params = view.where(f)
            tail, tail_params = order_limit(f, getattr(view, "placeholder", "?"))
            sql, params = f"SELECT {', '.join(MAP_COLUMNS)} FROM {view.event_source(f)}{where}{tail}", params + tail_params
        rows = view.execute(sql, params).fetchall()
        out = []
        for row in rows:
            rec = dict(zip(MAP_COLUMNS, row))
            if rec["event_date"] is not None:
                rec["event_date"] = rec["event_date"].isoformat()
            out.append(rec)
        return out

    # -- event detail ------------------------------------------------------------------
    def event_detail(self, view, rec: dict[str, Any]) -> dict[str, Any]:
        # The store gives a fused event's members as uids plus their full records
        # (``member_events``); older stores give uids only, looked up here.
        members = rec.get("member_events") or rec.get("members") or []
        member_records: list[dict[str, Any]] = []
        for member in members[:200]:
            if isinstance(member, dict):
                member_records.append(member)
            elif isinstance(member, str):
                found = view.get_event(member)
                member_records.append(found if found else {"event_uid": member})
        # Documents behind the event and its members, each with the evidence that points into it.
        documents: dict[str, dict[str, Any]] = {}
        for item in [rec, *member_records]:
            key = item.get("content_hash") or item.get("doc_id")
            if not key:
                continue
            if key not in documents:
                doc = view.get_document(key)
                if doc is None:
                    continue
                doc["evidence"] = []
                documents[key] = doc
            doc = documents[key]
            for ev in item.get("evidence") or []:
                located = _locate(doc.get("text") or "", ev)
                if located and located not in doc["evidence"]:
                    doc["evidence"].append(located)
        for doc in documents.values():
            doc["evidence"].sort(key=lambda e: (e["start"] if e["start"] is not None else -1))
        sources = _source_links(rec, member_records, documents.values())
        out = dict(rec)
        out.pop("member_events", None)
        out["members"] = member_records
        out["documents"] = list(documents.values())
        out["source_links"] = sources
        return out

    # -- stats ---------------------------------------------------------------------------
    def stats(self, view, f: EventFilter, interval: str, top: int) -> dict[str, Any]:
        ph = getattr(view, "placeholder", "?")
        where, params = view.where(f)
        source = view.event_source(f)
        period = f"date_trunc('{interval}', event_date)"  # interval is one of two literals

        def grouped(column: str) -> list[tuple]:
            return view.execute(
                f"SELECT {period} AS period, coalesce({column}, '(unknown)') AS k, count(*) AS n, "
                f"coalesce(sum(fatalities), 0) AS fat FROM {source}{where} GROUP BY period, k ORDER BY period, k",
                params,
            ).fetchall()

        total_events, total_fat, first, last = view.execute(
            f"SELECT count(*), coalesce(sum(fatalities), 0), min(event_date), max(event_date) FROM {source}{where}", params
        ).fetchone()

        def as_rows(rows: list[tuple], keep: set[str] | None) -> list[dict[str, Any]]:
            merged: dict[tuple[str | None, str], list[int]] = {}
            for period_value, key, n, fat in rows:
                label = key if keep is None or key in keep else "(other)"
                pk = (period_value.isoformat()[:10] if period_value is not None else None, label)
                acc = merged.setdefault(pk, [0, 0])
                acc[0] += int(n)
                acc[1] += int(fat)
            return [{"period": p, "key": k, "events": n, "fatalities": fat} for (p, k), (n, fat) in merged.items()]

        def top_keys(rows: list[tuple]) -> set[str]:
            totals: dict[str, int] = {}
            for _p, key, n, _f in rows:
                totals[key] = totals.get(key, 0) + int(n)
            return {k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]}

        by_type = grouped("event_type")
        by_actor = grouped("actor1")
        by_admin1 = grouped("admin1")
        periods = sorted({p.isoformat()[:10] for p, *_ in by_type if p is not None})
        return {
            "interval": interval,
            "total": {"events": int(total_events), "fatalities": int(total_fat),
                      "first": first.isoformat() if first else None, "last": last.isoformat() if last else None},
            "periods": periods,
            "by_type": as_rows(by_type, None),
            "by_actor": as_rows(by_actor, top_keys(by_actor)),
            "by_admin1": as_rows(by_admin1, top_keys(by_admin1)),
        }

    # -- actors ------------------------------------------------------------------------
    def registry(self):
        with self._registry_lock:
            if self._registry is False:
                try:
                    from sahelwatch.knowledge.registry import ActorRegistry

                    self._registry = ActorRegistry.load()
                except Exception:  # noqa: BLE001 - the registry is optional for the API
                    self._registry = None
            return self._registry

    def actors(self, view, f: EventFilter, q: str | None, limit: int) -> dict[str, Any]:
        ph = getattr(view, "placeholder", "?")
        where, params = view.where(f)
        source = view.event_source(f)
        both = (
            f"SELECT actor1 AS actor, fatalities, 1 AS as1 FROM {source}{where} "
            f"UNION ALL SELECT actor2 AS actor, 0 AS fatalities, 0 AS as1 FROM {source}{where}"
        )
        having = ""
        q_params: list[Any] = []
        if q:
            having = f" AND lower(actor) LIKE {ph}"
            q_params = [f"%{q.lower()}%"]
        rows = view.execute(
            f"SELECT actor, count(*) AS n, sum(as1) AS n1, coalesce(sum(fatalities), 0) AS fat FROM ({both}) AS sides "
            f"WHERE actor IS NOT NULL AND actor <> ''{having} GROUP BY actor ORDER BY n DESC, actor LIMIT {int(limit)}",
            params + params + q_params,
        ).fetchall()
        registry = self.registry()
        out = []
        for actor, n, n1, fat in rows:
            item: dict[str, Any] = {"actor": actor, "events": int(n), "as_actor1": int(n1 or 0), "fatalities_as_actor1": int(fat)}
            if registry is not None:
                try:
                    entry = registry.get(actor)
                except Exception:  # noqa: BLE001 - a registry bug must not break the list
                    entry = None
                if entry is not None:
                    item["registry"] = {
                        "name": entry.name, "kind": entry.kind, "inter": entry.inter, "country": entry.country,
                        "aliases": list(entry.aliases), "parent": entry.parent, "components": list(entry.components),
                        "periods": [{"start": p.start.isoformat() if p.start else None,
                                     "end": p.end.isoformat() if p.end else None, "name": p.name} for p in entry.periods],
                    }
            out.append(item)
        return {"actors": out, "registry_available": registry is not None}

    # -- places ------------------------------------------------------------------------
    def gazetteer(self):
        gaz = getattr(self._gazetteers, "gazetteer", False)
        if gaz is False:
            try:
                from sahelwatch.knowledge.gazetteer import Gazetteer

                gaz = Gazetteer.open()
            except Exception:  # noqa: BLE001 - the gazetteer is optional for the API
                gaz = None
            self._gazetteers.gazetteer = gaz
        return gaz

    def places(self, view, q: str, country: str | None, limit: int) -> dict[str, Any]:
        gazetteer_places: list[dict[str, Any]] = []
        gaz = self.gazetteer()
        if gaz is not None:
            try:
                found = gaz.lookup(q, country=country) if country else gaz.lookup(q)
            except Exception:  # noqa: BLE001 - e.g. an unknown country name
                found = []
            for place in found[:limit]:
                gazetteer_places.append(place.to_dict() if hasattr(place, "to_dict") else dict(vars(place)))
        ph = getattr(view, "placeholder", "?")
        f = EventFilter(fused=False)
        source = view.event_source(f)
        clauses, params = [f"lower(location) LIKE {ph}"], [f"%{q.lower()}%"]
        if country:
            clauses.append(f"lower(country) = lower({ph})")
            params.append(country)
        rows = view.execute(
            f"SELECT location, admin1, admin2, country, avg(latitude), avg(longitude), count(*) AS n "
            f"FROM {source} WHERE {' AND '.join(clauses)} GROUP BY location, admin1, admin2, country "
            f"ORDER BY n DESC, location LIMIT {int(limit)}",
            params,
        ).fetchall()
        seen = [
            {"location": loc, "admin1": a1, "admin2": a2, "country": c, "latitude": lat, "longitude": lon, "events": int(n)}
            for loc, a1, a2, c, lat, lon, n in rows
        ]
        return {"query": q, "gazetteer": gazetteer_places, "gazetteer_available": gaz is not None, "in_store": seen}

    # -- boundaries --------------------------------------------------------------------
    def boundary_layers(self) -> dict[str, tuple[Path, str]]:
        """name -> (file, where it comes from). Later entries override earlier ones."""
        from sahelwatch.web.boundaries import boundary_layers

        return boundary_layers(self.config.boundaries)

    # -- ingest ------------------------------------------------------------------------
    def coder(self):
        with self._coder_lock:
            if self._coder is None:
                from sahelwatch.cli.extract import build_coder

                self._coder = build_coder()
            return self._coder

    def ingest(self, access: StoreAccess, doc: Document, key_id: str) -> dict[str, Any]:
        with access.read() as view:
            if view.has_document(doc.content_hash):
                stored = view.get_document(doc.content_hash) or {}
                return {"doc_id": stored.get("doc_id", doc.doc_id), "content_hash": doc.content_hash,
                        "created": False, "event_count": int(stored.get("event_count") or 0), "events": []}
        coder = self.coder()
        # Extraction happens before anything is written; the store writes the document
        # and its events in one transaction, so a failure leaves nothing behind.
        events = coder.extract(doc)
        with access.write() as view:
            created = view.add_document(doc, events)
            if created:
                api_keys.touch_key(view, key_id)
        return {"doc_id": doc.doc_id, "content_hash": doc.content_hash, "created": created,
                "event_count": len(events) if created else 0,
                "events": [e.to_record() for e in events] if created else []}


def _locate(text: str, ev: dict[str, Any]) -> dict[str, Any] | None:
    """Evidence with offsets checked against the document text (re-found by its text if they drifted)."""
    if not isinstance(ev, dict):
        return None
    snippet = ev.get("text") or ""
    start, end = ev.get("start"), ev.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if not snippet or text[start:end] == snippet:
            return {"text": text[start:end], "start": start, "end": end, "located": True}
    if snippet:
        found = text.find(snippet)
        if found >= 0:
            return {"text": snippet, "start": found, "end": found + len(snippet), "located": True}
    return {"text": snippet, "start": None, "end": None, "located": False}


def _source_links(rec: dict[str, Any], members: list[dict[str, Any]], documents) -> list[dict[str, Any]]:
    """Every source of the event, once, with a link where one is known."""
    links: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(label: str | None, url: str | None, kind: str) -> None:
        label = (label or url or "").strip()
        key = (url or label).strip()
        if not key or key in seen:
            return
        seen.add(key)
        links.append({"label": label, "url": url if url and url.startswith(("http://", "https://")) else None, "kind": kind})

    for doc in documents:
        add(doc.get("title") or doc.get("source") or doc.get("doc_id"), doc.get("url"), "document")
    for item in [rec, *members]:
        for s in item.get("sources") or []:
            if isinstance(s, dict):
                add(s.get("label") or s.get("name") or s.get("title"), s.get("url"), "source")
            elif isinstance(s, str):
                add(s, s if s.startswith(("http://", "https://")) else None, "source")
        if item.get("source"):
            for part in str(item["source"]).split(";"):
                add(part.strip(), None, "source")
    return links
