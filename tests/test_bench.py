"""The benchmark keeps working: its story-maker pickles the tool's laid-out flowables for the
floor script, so every flowable the renderer makes must cross a process (no local closures)."""
from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from conftest import CONTENT, ROOT


@pytest.mark.slow
def test_the_benchmarks_story_can_be_made_and_read_back(tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "bench" / "story.py"), str(CONTENT), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr[-2000:]
    (pickled,) = tmp_path.glob("story-*.pickle")
    assert len(pickle.loads(pickled.read_bytes())) > 100  # the whole teacher edition's flowables
