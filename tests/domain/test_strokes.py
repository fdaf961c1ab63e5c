from app.domain.strokes import stroke_key, strokes


def test_common_surname_stroke_counts():
    assert [strokes(c) for c in "丁卜于马王刘张李"] == [2, 2, 3, 3, 4, 6, 7, 7]
    assert strokes("曾") == 12 and strokes("欧") == 8


def test_official_list_order():
    names = ["曾平", "王芳", "马力", "丁一", "刘洋", "李明", "张华", "欧阳修"]
    ordered = sorted(names, key=stroke_key)
    # 张 and 李 both have 7 strokes: the given names decide (华 6 < 明 8)
    assert ordered == ["丁一", "马力", "王芳", "刘洋", "张华", "李明", "欧阳修", "曾平"]


def test_ties_are_broken_by_the_next_characters():
    # 王 (4) in both; 小 (3) before 丽 (7)
    assert sorted(["王丽", "王小"], key=stroke_key) == ["王小", "王丽"]
    # same strokes all through: deterministic by code point
    assert sorted(["李明", "李明"], key=stroke_key) == ["李明", "李明"]


def test_unknown_characters_sort_last():
    assert sorted(["Tom", "王芳"], key=stroke_key) == ["王芳", "Tom"]
