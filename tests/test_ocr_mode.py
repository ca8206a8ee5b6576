"""How many cores the OCR engine takes: all of them alone, a share of them beside others."""

from __future__ import annotations

import os

from planparse.extract import ocr_mode


def test_parsers_side_by_side_share_the_cores(monkeypatch):
    monkeypatch.delenv(ocr_mode.THREADS, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert ocr_mode.ocr_threads() == -1  # one process alone: every core
    ocr_mode.share_cores(1)
    assert ocr_mode.ocr_threads() == -1
    ocr_mode.share_cores(3)
    assert ocr_mode.ocr_threads() == 2
    ocr_mode.share_cores(16)  # more processes than cores: one thread each, never none
    assert ocr_mode.ocr_threads() == 1


def test_a_nonsense_setting_means_every_core(monkeypatch):
    for value in ("0", "-3", "many", ""):
        monkeypatch.setenv(ocr_mode.THREADS, value)
        assert ocr_mode.ocr_threads() == -1
