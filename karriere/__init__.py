"""karriere: a static-site generator for careers microsites of German public employers."""

__version__ = "0.1.0"
