"""sahelwatch: reports in, a trustworthy ACLED-schema event database out."""

__version__ = "0.1.0"
