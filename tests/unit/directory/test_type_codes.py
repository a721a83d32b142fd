import pytest

from pillar.directory.type_codes import type_table


def test_the_meeting_guide_table_has_the_87_spec_codes():
    table = type_table()
    assert len(table.meeting_guide) == 87
    assert table.label("O") == "Open" and table.label("C", lang="es") == "Cerrada"
    assert table.label("JFT", "NA") == "Just for Today reading"
    assert table.label("JFT") == "JFT"


@pytest.mark.parametrize("code, fellowship, hint", [
    ("o", "", ' — did you mean "O" (Open)?'),
    ("Closed", "", ' — did you mean "C" (Closed)?'),
    ("Wheelchair Acess", "", ' — did you mean "X" (Wheelchair Access)?'),
    ("BT", "AA", " — that is a NA format code: set fellowship: NA, or remove it"),
    ("JTF", "NA", ' — did you mean "JFT" (Just for Today reading)?'),
    ("zzzzzzzz", "", ""),
])
def test_suggestions(code, fellowship, hint):
    assert type_table().suggestion(code, fellowship) == hint
