from __future__ import annotations

import pytest

from drama_media.transitions import Transition, xfade_name


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("fade", "fade"),
        ("fadein", "fade"),
        ("FadeOut", "fade"),
        ("dissolve", "dissolve"),
        ("wipeleft", "wipeleft"),
        ("slideleft", "slideleft"),
        ("circleopen", "circleopen"),
        ("pixelize", "pixelize"),
        ("sparkle", "fade"),
        ("none", None),
        ("", None),
        (None, None),
    ],
)
def test_names_map_onto_xfade(kind: str | None, expected: str | None) -> None:
    assert xfade_name(kind) == expected


def test_stored_transition_objects_are_read() -> None:
    assert Transition.from_json(None) is None
    assert Transition.from_json({}) is None
    assert Transition.from_json({"type": "wipeup", "duration": 0.5}) == Transition("wipeup", 0.5)
    typeless = Transition.from_json({"duration": "bad"})
    assert typeless is not None
    assert (typeless.xfade, typeless.seconds) == ("fade", 1.0)
