"""German: every noun capitalised, decimal comma and full stop between thousands, „low-high“ quotes."""

from __future__ import annotations

from evalkit.lang.generic import Generic


class German(Generic):
    code = "de"
    name = "German"
    script = "LATIN"
    capitalises_nouns = True
    decimal_mark = ","
    thousands_marks = ".\u00a0\u202f "
    # 'dass Sie sie sehen', 'die die Regeln kennen', 'das das Problem löst': pronoun, then article.
    doublings = frozenset({"sie", "die", "der", "das", "den", "dem", "des"})
    function_words = frozenset(
        """der die das den dem des ein eine einen einem einer eines und oder aber doch sondern denn als wie
        wenn dass ob weil da zu zum zur im in an am auf aus bei mit nach von vom vor für über unter durch
        gegen ohne um bis seit ist sind war waren sein bin bist hat haben hatte hatten wird werden wurde
        wurden kann können muss müssen soll sollen will wollen darf dürfen es er sie wir ihr ich du man sich
        mich dich uns euch ihm ihn ihnen mein dein sein ihr unser nicht kein keine auch noch schon nur sehr
        so hier dort dies diese dieser dieses jede jeder jedes alle""".split())
    month_names = {
        "Januar": 1, "Jänner": 1, "Februar": 2, "März": 3, "April": 4, "Mai": 5, "Juni": 6, "Juli": 7,
        "August": 8, "September": 9, "Oktober": 10, "November": 11, "Dezember": 12,
    }
    number_words = {
        "null": 0, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
        "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
        "fünfzig": 50, "hundert": 100, "tausend": 1000, "million": 1e6, "millionen": 1e6, "milliarde": 1e9,
        "milliarden": 1e9, "dutzend": 12, "beide": 2, "beiden": 2,
    }
    abbreviations = frozenset("z.b d.h u.a usw bzw ca dr nr str vgl evtl inkl ggf s".split())
