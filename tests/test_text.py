"""Wrapped pieces of a cell joined back: where a space was, and where a word was only cut."""

from __future__ import annotations

import pytest

from extract.text import join_wrapped


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["長い段落の一行目で、", "二行目に続く。"], "長い段落の一行目で、二行目に続く。"),
        (["会津若松市 in Aizu", "City"], "会津若松市 in Aizu City"),  # two Latin words
        (["227,50", "0百万円"], "227,500百万円"),  # a number cut by the wrap
        (["229,382k", "W"], "229,382kW"),  # a unit cut after its first letter
        (["12.5k", "m"], "12.5km"),
        (["Win 10", "Pro"], "Win 10 Pro"),  # a number ending a word, then a word
        (["ICT", "やデジタル技術"], "ICTやデジタル技術"),  # no space invented before Japanese
    ],
)
def test_join_wrapped(parts: list[str], joined: str) -> None:
    assert join_wrapped(parts) == joined
