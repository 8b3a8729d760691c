"""Run the real kiosk and play lessons until killed, printing one ACK line per step the kiosk
has acknowledged (the store committed it). The crash test kills this with SIGKILL.

Usage: python -m tests.ui.crash_driver DATA_DIR SEED
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.ui import robot
from tests.ui.kiosk_helpers import click, open_kiosk, open_lesson, sign_in, sign_up

NAME = "周德明"


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    window = open_kiosk(data_dir)
    names = [learner.display_name for learner in window.services.kiosk.db.learners.all()]
    (sign_in if NAME in names else sign_up)(window, NAME)
    learner_id = window.state.learner.id
    progress = window.services.kiosk.db.progress

    def acknowledge(outcome) -> None:
        attempt = progress.get(learner_id, window.player.run.lesson.id).attempt
        print(f"ACK {window.player.run.lesson.id} {attempt} {outcome.step_index} {outcome.kind.value}", flush=True)

    window.player.step_recorded.connect(acknowledge)
    print("READY", flush=True)
    lessons = window.services.kiosk.catalogue.lessons
    while True:
        open_lesson(window, rng.choice(lessons).id)
        player = window.player
        while player.run is not None and not player.run.is_complete:
            if rng.random() < 0.25:
                robot.miss(player.phone, player.run.step.expect)
            else:
                robot.perform(player.phone, player.run.step.expect)
            QApplication.processEvents()
        click(window.completion.catalogue_button)


if __name__ == "__main__":
    main()
