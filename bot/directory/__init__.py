"""The directory of agencies, topics and places (YAML data, validated on load)."""
from functools import lru_cache

from .loader import DEFAULT_DIR, load_directory
from .model import COUNCILS, OUTSIDE, Agency, Contact, Directory, Place, Topic
from .yamlfile import DirectoryFileError

__all__ = ["COUNCILS", "OUTSIDE", "Agency", "Contact", "Directory", "DirectoryFileError", "Place",
           "Topic", "default_directory", "load_directory"]


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The shipped directory, loaded once per process."""
    return load_directory(DEFAULT_DIR)
