"""Hebrew: written right to left, no capitals; offsets are of the logical (stored) order, as read."""

from __future__ import annotations

from evalkit.lang.generic import Generic

# Bidirectional controls a right-to-left text may carry around numbers and Latin words; they are
# characters of the text (offsets count them) but never words.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class Hebrew(Generic):
    code = "he"
    name = "Hebrew"
    script = "HEBREW"
    direction = "rtl"
    cased = False
    function_words = frozenset(
        """של את על עם אל מן גם כי אם או אבל לא כן זה זו זאת אלה הוא היא הם הן אני אתה את אנחנו אתם יש אין
        היה היתה היו כל מה מי איך כמו רק עוד כבר אז פה שם""".split())
    number_words = {
        "אפס": 0, "אחד": 1, "אחת": 1, "שניים": 2, "שתיים": 2, "שני": 2, "שתי": 2, "שלושה": 3, "שלוש": 3,
        "ארבעה": 4, "ארבע": 4, "חמישה": 5, "חמש": 5, "שישה": 6, "שש": 6, "שבעה": 7, "שבע": 7, "שמונה": 8,
        "תשעה": 9, "תשע": 9, "עשרה": 10, "עשר": 10, "מאה": 100, "אלף": 1000, "מיליון": 1e6,
    }
