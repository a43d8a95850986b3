"""Saving under SIGKILL.

``python -m tests.helpers.save_loop TARGET OLD NEW``: saves two versions of a dossier to one
file alternately, forever; the caller kills it mid-write.

``python -m tests.helpers.save_loop --kill-rounds N SEED TARGET OLD NEW``: does the killing
itself, N times at random moments of a save (a forked writer starts in microseconds, so 200
kills take seconds), and after each kill records what the main file and ``.bak`` hold and
whether a ``.tmp`` survives the next save. Prints one JSON object.
"""

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from dossier.formats import atomic, native


def _loop(target: Path, versions: list) -> None:
    i = 0
    while True:
        native.save(versions[i % 2], target)
        i += 1


def _tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def kill_rounds(rounds: int, seed: int, target: Path, old_path: Path, new_path: Path) -> dict:
    old, new = native.load(old_path), native.load(new_path)
    known = {native.dumps(old): "old", native.dumps(new): "new"}
    rng = random.Random(seed)
    started = time.perf_counter()
    native.save(old, target)
    native.save(new, target)
    save_s = (time.perf_counter() - started) / 2
    report = {"rounds": 0, "main": {}, "bak": {}, "killed_mid_write": 0, "tmp_after_next_save": [], "save_s": save_s}
    for _ in range(rounds):
        native.save(old, target)  # also removes the temporary files of the previous kill
        report["tmp_after_next_save"] += _tmp_files(target.parent)
        pid = os.fork()
        if pid == 0:  # the writer: alternate new/old until killed
            try:
                _loop(target, [new, old])
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 2.5 * save_s))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        main = known.get(target.read_bytes(), "broken")
        bak_path = atomic.backup_path(target)
        bak = known.get(bak_path.read_bytes(), "broken") if bak_path.exists() else "missing"
        report["main"][main] = report["main"].get(main, 0) + 1
        report["bak"][bak] = report["bak"].get(bak, 0) + 1
        report["killed_mid_write"] += bool(_tmp_files(target.parent))
        report["rounds"] += 1
    native.save(old, target)
    report["tmp_after_next_save"] += _tmp_files(target.parent)
    return report


if __name__ == "__main__":
    if sys.argv[1] == "--kill-rounds":
        rounds, seed = int(sys.argv[2]), int(sys.argv[3])
        print(json.dumps(kill_rounds(rounds, seed, *map(Path, sys.argv[4:7]))), flush=True)
        sys.exit(0)
    target, old_path, new_path = map(Path, sys.argv[1:4])
    versions = [native.load(new_path), native.load(old_path)]
    print("ready", flush=True)
    _loop(target, versions)
