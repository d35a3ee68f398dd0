import pytest

from tjce_desktop import paths


def test_resources_are_found_from_the_checkout():
    assert paths.resource_path("icons/tjce.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_missing_resource_says_so_in_chinese():
    with pytest.raises(FileNotFoundError, match="程序文件缺失"):
        paths.resource_path("icons/nothing.png")
