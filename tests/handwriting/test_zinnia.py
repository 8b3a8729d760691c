"""Handwriting recognised by the real Zinnia library with Debian's Simplified Chinese model:
four strokes of 王 come back as 王 first, so do 十, 口 and 主 (whose dot is a touch without a
slide); a kiosk without the library or the model gets no recognizer and a log line naming the
package to install; nothing Zinnia makes outlives a call; the candidates shown are common
characters first (app/handwriting/common.py).

CI installs libzinnia0 and tegaki-zinnia-simplified-chinese (scripts/system-packages.txt);
the recognition tests are skipped, saying so, only where the library itself is absent."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from app.handwriting import zinnia
from app.handwriting.common import COMMON, LESS_COMMON, common_first, gb2312_level
from app.handwriting.zinnia import MODEL, Recognizer, ZinniaUnavailable, open_recognizer
from tests.handwriting import BOX, CHARACTERS, WANG

LOGGER = "silversteps.handwriting"


def _library_problem() -> str:
    try:
        zinnia.load_library()
    except ZinniaUnavailable as error:
        return str(error)
    return ""


needs_zinnia = pytest.mark.skipif(
    bool(_library_problem()), reason=f"libzinnia0 is not installed on this machine: {_library_problem()}"
)


@pytest.fixture(scope="module")
def recognizer():
    if _library_problem():
        pytest.skip(f"libzinnia0 is not installed on this machine: {_library_problem()}")
    with Recognizer() as opened:  # the model missing beside the library fails here, as it should
        yield opened


@needs_zinnia
def test_four_strokes_of_wang_come_back_as_wang_first(recognizer):
    assert len(WANG) == 4  # 一 一 丨 一, in the order they are written
    found = recognizer.candidates(WANG, BOX, BOX, 10)
    assert found[0] == "王", found
    assert len(found) == 10 and len(set(found)) == 10
    assert common_first(found, 8)[0] == "王"


@needs_zinnia
@pytest.mark.parametrize("character", ["十", "口", "主"])
def test_other_characters_come_back_first_too(recognizer, character):
    found = recognizer.candidates(CHARACTERS[character], BOX, BOX, 10)
    assert found[0] == character, found


@needs_zinnia
def test_the_box_size_is_what_the_points_are_measured_in(recognizer):
    """The pad's square is 360 px at 100 % and 540 px at 150 %: the same 王 either way."""
    for side in (360, 540):
        scaled = [[(x * side / BOX, y * side / BOX) for x, y in stroke] for stroke in WANG]
        assert recognizer.candidates(scaled, side, side, 5)[0] == "王"


@needs_zinnia
def test_nothing_written_is_no_candidates(recognizer):
    assert recognizer.candidates([], BOX, BOX, 10) == []
    assert recognizer.candidates([[], []], BOX, BOX, 10) == []
    assert recognizer.candidates(WANG, BOX, BOX, 0) == []


@needs_zinnia
def test_the_model_knows_exactly_the_gb2312_characters(recognizer):
    """Debian's model knows 6,763 characters, GB2312's 3,755 + 3,008 (app/handwriting/common.py)."""
    assert recognizer.size == 6763
    assert recognizer.version.startswith("0.")


def test_a_missing_library_is_no_recognizer_and_the_log_names_the_package(caplog, tmp_path):
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert open_recognizer(library=tmp_path / "libzinnia.so.0", model=MODEL) is None
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert message.startswith("no handwriting pad: the Zinnia library")
    assert "install the Debian package libzinnia0" in message
    assert "tegaki" not in message  # only what is missing


@needs_zinnia
def test_a_missing_model_is_no_recognizer_and_the_log_names_the_package(caplog, tmp_path):
    caplog.set_level(logging.INFO, logger=LOGGER)
    missing = tmp_path / "handwriting-zh_CN.model"
    assert open_recognizer(model=missing) is None
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert f"model is not at {missing}" in message
    assert "install the Debian package tegaki-zinnia-simplified-chinese" in message
    assert "libzinnia0" not in message


def test_both_missing_names_both_packages(caplog, tmp_path):
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert open_recognizer(library=tmp_path / "libzinnia.so.0", model=tmp_path / "none.model") is None
    message = " ".join(r.getMessage() for r in caplog.records if r.name == LOGGER)
    assert "libzinnia0" in message and "tegaki-zinnia-simplified-chinese" in message


@needs_zinnia
def test_a_broken_model_or_a_wrong_library_says_so(caplog, tmp_path):
    caplog.set_level(logging.INFO, logger=LOGGER)
    broken = tmp_path / "handwriting-zh_CN.model"
    broken.write_bytes(bytes(range(256)) * 20)
    assert open_recognizer(model=broken) is None
    assert open_recognizer(library="libc.so.6") is None
    broken_line, wrong_line = (r.getMessage() for r in caplog.records if r.name == LOGGER)
    assert f"could not open the model {broken}" in broken_line and "model file is broken" in broken_line
    assert "libc.so.6 is not the Zinnia library" in wrong_line and "libzinnia0" in wrong_line


@needs_zinnia
def test_an_installed_kiosk_gets_a_recognizer_and_says_which(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    found = open_recognizer()
    assert found is not None
    try:
        assert found.candidates(WANG, BOX, BOX, 3)[0] == "王"
        assert any("handwriting pad: Zinnia" in r.getMessage() for r in caplog.records if r.name == LOGGER)
    finally:
        found.close()
    assert found.closed
    with pytest.raises(ValueError, match="closed"):
        found.candidates(WANG, BOX, BOX, 3)
    found.close()  # twice is harmless


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    pytest.skip("no /proc/self/status here")


@needs_zinnia
def test_nothing_zinnia_makes_outlives_a_call(recognizer):
    """Each call makes a character and a result and frees both: 400 calls with long strokes
    (a leak keeps about 10 KB a call: 4 MB in all, measured) leave the process no larger."""
    dense = [[(x + i * 0.5, y + i * 0.5) for i in range(200)] for (x, y), _ in WANG]
    for _ in range(50):  # the allocator's pools settle first
        recognizer.candidates(dense, BOX + 100, BOX + 100, 30)
    before = _rss_kb()
    for _ in range(400):
        recognizer.candidates(dense, BOX + 100, BOX + 100, 30)
    assert _rss_kb() - before < 2048


@needs_zinnia
def test_threads_share_one_recognizer_one_call_at_a_time(recognizer):
    expected = {char: recognizer.candidates(strokes, BOX, BOX, 5) for char, strokes in CHARACTERS.items()}
    seen: list[bool] = []

    def write_all() -> None:
        for _ in range(5):
            for char, strokes in CHARACTERS.items():
                seen.append(recognizer.candidates(strokes, BOX, BOX, 5) == expected[char])

    threads = [threading.Thread(target=write_all) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(seen) == 3 * 5 * len(CHARACTERS) and all(seen)


# Which candidates, in what order (no library needed).


def test_gb2312_levels():
    assert gb2312_level("王") == gb2312_level("一") == COMMON  # 王 CDF5, 一 D2BB
    assert gb2312_level("淼") == gb2312_level("魍") == gb2312_level("丬") == LESS_COMMON
    assert gb2312_level("網") is None  # traditional
    assert gb2312_level("堃") is None  # in GBK, not GB2312
    assert gb2312_level("、") is None and gb2312_level("A") is None and gb2312_level("ア") is None
    assert gb2312_level("王王") is None and gb2312_level("") is None


def test_common_characters_come_first_and_traditional_ones_never():
    found = ["網", "魍", "王", "丬", "壬", "網", "井", "王", "廿"]
    assert common_first(found, 8) == ["王", "壬", "井", "魍", "丬", "廿"]


def test_zinnia_order_is_kept_within_each_level():
    assert common_first(["廿", "书", "丬", "二", "壬"], 8) == ["书", "二", "壬", "廿", "丬"]


def test_a_less_common_character_zinnia_is_sure_of_stays_on_screen():
    """Names use GB2312's level 2 (淼, 琪): the best `limit` are chosen first, then ordered, so
    the character written is never pushed off by common look-alikes further down the list."""
    found = ["淼", *"水森林木本末术禾米来"]
    shown = common_first(found, 8)
    assert len(shown) == 8 and "淼" in shown
    assert shown[:7] == list("水森林木本末术") and shown[7] == "淼"


def test_limit_and_nothing():
    assert common_first([], 8) == []
    assert common_first(["王", "壬"], 0) == []
    assert common_first(list("王壬井不击二书廿"), 3) == ["王", "壬", "井"]
