"""The command's arguments: -e values as pelican reads them, and pillar build's read on their own."""

from __future__ import annotations

import pytest

from pillar.cli import arguments


@pytest.mark.parametrize("values, expected", [
    (['SITENAME="Austin Meetings"', "BUILD_JOBS=2", "SAMPLE_DATA_NOTICE=false", "X=null"],
     {"SITENAME": "Austin Meetings", "BUILD_JOBS": 2, "SAMPLE_DATA_NOTICE": False, "X": None}),
    (['LANGUAGES=["en", "es"]', "A=b=c"], ValueError("Invalid JSON value: b=c.")),
    (["SITENAME"], ValueError("Extra settings must be specified as KEY=VALUE pairs but you specified SITENAME")),
])
def test_overrides_are_json_values(values, expected):
    parser = arguments.parser()
    if isinstance(expected, Exception):
        with pytest.raises(ValueError) as raised:
            parser.parse_args(["build", "-e", *values])
        assert str(raised.value).startswith(str(expected))
    else:
        assert parser.parse_args(["build", "-e", *values]).overrides == expected


@pytest.mark.parametrize("argv, understood", [
    (["-o", "site", "--strict", "-e", "BUILD_JOBS=1"], True),
    (["--full", "--timings"], True),
    (["--help"], False),
    (["-e", "BUILD_JOBS=one"], False),
    (["extra"], False),
])
def test_build_arguments_are_read_alone_or_left_to_the_full_parser(argv, understood):
    args = arguments.build_only(argv)
    assert (args is not None) is understood
    if understood and "-o" in argv:
        assert arguments.overrides(args)["DIRECTORY_STRICT"] is True
        assert arguments.overrides(args)["OUTPUT_PATH"].endswith("/site")
