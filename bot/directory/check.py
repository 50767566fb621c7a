"""`python -m bot.directory.check [FOLDER]`: validate the directory and summarise it."""
import sys

from bot.directory.loader import DEFAULT_DIR, load_directory
from bot.directory.yamlfile import DirectoryFileError


def main(argv: list) -> int:
    try:
        d = load_directory(argv[1] if len(argv) > 1 else DEFAULT_DIR)
    except DirectoryFileError as exc:
        print(f"Directory error: {exc}", file=sys.stderr)
        return 1
    print(f"directory OK: {len(d.agencies)} agencies, {len(d.topics)} topics, "
          f"{len(d.places)} places, {len(d.districts)} postcode districts, {len(d.areas)} areas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
