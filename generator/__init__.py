"""Chronicle: a static site generator that turns news articles into a cited chronology."""

__version__ = "0.1.0"
