"""Spanish: inverted ¿ and ¡ open a question and an exclamation, decimal comma, full stop between thousands."""

from __future__ import annotations

from evalkit.lang.generic import Generic


class Spanish(Generic):
    code = "es"
    name = "Spanish"
    script = "LATIN"
    decimal_mark = ","
    thousands_marks = ".\u00a0\u202f "
    function_words = frozenset(
        """el la los las lo un una unos unas de del al a y e o u pero sino que qui quien cual cuyo donde como
        cuando si no ni en con por para sin sobre entre hasta desde es son era fue ser estar está están ha han
        haber hay se me te le les nos os mi mis tu tus su sus yo tú él ella ellos ellas nosotros usted ustedes
        este esta estos estas ese esa muy más también ya""".split())
    month_names = {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
        "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    }
    number_words = {
        "cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
        "diez": 10, "once": 11, "doce": 12, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
        "cien": 100, "ciento": 100, "mil": 1000, "millón": 1e6, "millones": 1e6, "docena": 12,
    }
    abbreviations = frozenset("sr sra srta dr dra etc pág núm ud uds".split())
