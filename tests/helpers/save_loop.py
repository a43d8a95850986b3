"""Saves two versions of a dossier to one file alternately, forever; the test kills it mid-write."""
import sys
from pathlib import Path

from dossier.formats import native

target, old_path, new_path = map(Path, sys.argv[1:4])
versions = [native.load(new_path), native.load(old_path)]
print("ready", flush=True)
i = 0
while True:
    native.save(versions[i % 2], target)
    i += 1
