"""The directory of agencies, topics and places (YAML data, validated on load).

May import only bot.settings: every other package reads the facts from here.
"""
from functools import lru_cache

from bot.directory.loader import DEFAULT_DIR, load_directory
from bot.directory.model import COUNCILS, OUTSIDE, Agency, Contact, Directory, Place, Topic
from bot.directory.yamlfile import DirectoryFileError

__all__ = ["COUNCILS", "OUTSIDE", "Agency", "Contact", "Directory", "DirectoryFileError", "Place",
           "Topic", "default_directory", "load_directory"]


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The shipped directory, loaded once per process."""
    return load_directory(DEFAULT_DIR)
