"""Where each track of a real project lands in a 5.1 mix (issue 12), read back from the files.

    .venv/bin/python benchmarks/surround_map.py [--clip resources/demo/demo.mp4]

``stemline process --foley --channels 5.1`` on the clip (separation, Foley, mix), then the saved project
exported once per track with the others muted, each decoded and measured per channel (RMS in
dBFS; "-" under -120). Also: FFmpeg's ebur128 reading of a -23 LUFS 5.1 export (its own BS.1770
channel weights), and how close an ITU-R BS.775 fold-down of the 5.1 mix comes to the stereo mix.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemline.core.serialization import load_project  # noqa: E402
from stemline.core.surround import LAYOUTS  # noqa: E402
from stemline.jobs.export import ExportRequest, export_project  # noqa: E402
from stemline.media.decode import read_audio  # noqa: E402


def db(x: np.ndarray) -> str:
    r = float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))
    return f"{20 * np.log10(r):7.1f}" if r > 1e-6 else "      -"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clip", type=Path, default=ROOT / "resources" / "demo" / "demo.mp4")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        subprocess.run([sys.executable, "-m", "stemline", "process", str(args.clip), "-o",
                        str(t / "film.mp4"), "--channels", "5.1", "--with-stereo", "--foley",
                        "--save-project", str(t / "p.stemline"), "--quiet"], check=True)
        print(f"{'track alone':<14}" + "".join(f"{c:>8}" for c in LAYOUTS["5.1"]))
        for kind in ("voice", "background", "foley"):
            project = load_project(t / "p.stemline")
            for k in ("voice", "background", "foley"):
                project.track(k).mute = k != kind
            out = t / f"{kind}.wav"
            export_project(project, ExportRequest(output=out, bit_depth=32, channels="5.1"))
            audio = read_audio(out, channels=6)[0]
            print(f"{kind:<14}" + "".join(f"{db(audio[:, c]):>8}" for c in range(6)))
        project = load_project(t / "p.stemline")
        export_project(project, ExportRequest(output=t / "five.wav", bit_depth=32, channels="5.1"))
        export_project(project, ExportRequest(output=t / "two.wav", bit_depth=32))
        five, two = read_audio(t / "five.wav", channels=6)[0], read_audio(t / "two.wav")[0]
        k = 1 / np.sqrt(2)
        fold = np.stack([five[:, 0] + k * five[:, 2] + k * five[:, 4],
                         five[:, 1] + k * five[:, 2] + k * five[:, 5]], axis=1)
        err = fold - two
        print(f"\nITU fold-down against the stereo mix: stereo {db(two).strip()} dBFS, fold-down "
              f"{db(fold).strip()} dBFS, difference {db(err).strip()} dBFS (the surrounds' delayed "
              f"copies and the LFE are what differ)")
        export_project(project, ExportRequest(output=t / "norm.mp4", channels="5.1", loudness=-23.0))
        log = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(t / "norm.mp4"),
                              "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"],
                             capture_output=True, text=True, check=True).stderr
        summary = log[log.rindex("Summary:"):]
        lufs = re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)
        peak = re.search(r"Peak:\s+(-?[\d.]+)", summary).group(1)
        print(f"5.1 AAC export at -23 LUFS, read by FFmpeg's ebur128: {lufs} LUFS, true peak {peak} dBFS")


if __name__ == "__main__":
    main()
