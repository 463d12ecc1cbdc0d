"""Event extraction: ``Coder(gazetteer, registry).extract(doc) -> list[Event]``.

See docs/CODER.md for how events are assembled and how well the coder agrees with ACLED.
"""

from sahelwatch.extract.coder import Coder

__all__ = ["Coder"]
