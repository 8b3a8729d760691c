"""Writers waiting for their turn are served in the order they came."""

from __future__ import annotations

import threading
import time

from app.centre.xapi.turns import FirstComeFirstServed


def test_waiters_are_served_in_the_order_they_came() -> None:
    turns = FirstComeFirstServed()
    served: list[int] = []
    started: list[threading.Thread] = []
    with turns:
        for number in range(30):

            def writer(number: int = number) -> None:
                with turns:
                    served.append(number)
                    time.sleep(0.001)

            thread = threading.Thread(target=writer)
            thread.start()
            started.append(thread)
            while turns.waiting < number + 1:  # each one queued before the next comes
                time.sleep(0.001)
    for thread in started:
        thread.join(10)
    assert served == list(range(30))
    assert turns.waiting == 0


def test_an_error_inside_the_turn_hands_it_on() -> None:
    turns = FirstComeFirstServed()
    try:
        with turns:
            raise ValueError("refused batch")
    except ValueError:
        pass
    done = threading.Event()

    def later() -> None:
        with turns:
            done.set()

    threading.Thread(target=later).start()
    assert done.wait(5)
