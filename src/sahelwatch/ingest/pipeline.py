"""Documents -> events -> store, one document per transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sahelwatch.schema import Document


@dataclass
class IngestStats:
    new_documents: int = 0
    skipped_documents: int = 0
    events: int = 0
    failed_documents: int = 0


def ingest_documents(
    docs: Iterable[Document],
    store,
    coder,
    on_problem: Callable | None = None,
    progress: bool = False,
    batch_size: int = 200,
) -> IngestStats:
    """Extract and store each document not yet in the store.

    Documents are written in batches of ``batch_size``, each batch in one
    transaction: an interrupted run leaves whole batches, and a re-run skips them.

    A document whose extraction fails is reported and skipped (not stored), so a
    later run with a fixed coder picks it up.
    """
    stats = IngestStats()
    bar = None
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from sahelwatch.cli.common import err_console

        bar = Progress(
            SpinnerColumn(),
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[events]} events"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        bar.start()
        task = bar.add_task("ingest", total=None, events=0)
    pending: list[tuple[Document, list]] = []

    def flush() -> None:
        for added, (_, events) in zip(store.add_documents(pending), pending):
            if added:
                stats.new_documents += 1
                stats.events += len(events)
            else:
                stats.skipped_documents += 1
        pending.clear()

    try:
        for doc in docs:
            if store.has_document(doc.content_hash):
                stats.skipped_documents += 1
            else:
                try:
                    events = coder.extract(doc)
                except Exception as exc:  # one bad document must not stop the batch
                    stats.failed_documents += 1
                    if on_problem:
                        from sahelwatch.ingest.readers import ReadProblem

                        on_problem(ReadProblem(path=doc.path or doc.doc_id, line=None, message=f"extraction failed: {type(exc).__name__}: {exc}"))
                    continue
                pending.append((doc, events))
                if len(pending) >= batch_size:
                    flush()
            if bar is not None:
                bar.update(task, advance=1, events=stats.events + sum(len(e) for _, e in pending))
        flush()
    finally:
        if bar is not None:
            bar.stop()
    return stats
