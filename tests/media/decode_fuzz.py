"""The decode fuzzer's child process (run by test_decode_fuzz.py, or by hand):

    python -m tests.media.decode_fuzz SEED_DIR EXAMPLES

Hypothesis damages small valid files (byte flips, overwritten runs, cuts, repeated slices) and
checks that probing and decoding each one either works or raises one StemlineError line naming
the file, within 20 s. A child process, so an FFmpeg crash is a failed test, not a dead suite.
"""
from __future__ import annotations

import signal
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stemline.core.errors import StemlineError
from stemline.media import iter_audio, probe

#: A damaged file must decode or fail within this long.
HANG_S = 20


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang(f"no answer within {HANG_S} s")


def damage(data: bytes, edits: list[tuple[str, float, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, where, payload in edits:
        if not buf:
            break
        at = min(int(where * len(buf)), len(buf) - 1)
        if kind == "flip":
            buf[at] ^= payload[0] if payload else 0xFF
        elif kind == "write":
            buf[at:at + len(payload)] = payload
        elif kind == "cut":
            del buf[at:]
        elif kind == "repeat":
            buf[at:at] = buf[max(0, at - len(payload) * 8):at]
    return bytes(buf)


def check(path: Path) -> None:
    signal.alarm(HANG_S)
    try:
        info = probe(path)
        for _block in iter_audio(path, info=info, block_frames=16384):
            pass
    except StemlineError as exc:
        message = str(exc)
        assert "\n" not in message and path.name in message, message
    finally:
        signal.alarm(0)


def main(seed_dir: Path, examples: int) -> None:
    seeds = sorted(p for p in seed_dir.iterdir() if p.is_file())
    blobs = {p.suffix: p.read_bytes() for p in seeds}
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    edit = st.tuples(st.sampled_from(["flip", "write", "cut", "repeat"]),
                     st.floats(0.0, 1.0), st.binary(min_size=1, max_size=64))

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(ext=st.sampled_from(sorted(blobs)), edits=st.lists(edit, min_size=1, max_size=4))
    def fuzz(ext: str, edits: list[tuple[str, float, bytes]]) -> None:
        path = work / f"damaged name {ext[1:]}{ext}"
        path.write_bytes(damage(blobs[ext], edits))
        check(path)

    fuzz()
    print(f"{examples} damaged files of {len(blobs)} formats: every one decoded or refused "
          "in one line")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
