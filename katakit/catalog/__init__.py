"""The catalogue: every fact about a kata comes from its ``kata.toml`` manifest.

``manifest`` reads and validates manifests, ``limits`` holds the resource limits a manifest
may override, ``quiz`` grades quiz answers and ``api_spec`` compares signatures with the API
the manifest declares. Nothing here runs learner code or imports pytest.
"""

from katakit.catalog.manifest import (DIFFICULTIES, TRACKS, CatalogError, Entry, Hint, Kata,
                                      Question, all_katas, katas_dir, load, normalize, slugs,
                                      unknown_kata_message)

__all__ = ["DIFFICULTIES", "TRACKS", "CatalogError", "Entry", "Hint", "Kata", "Question",
           "all_katas", "katas_dir", "load", "normalize", "slugs", "unknown_kata_message"]
