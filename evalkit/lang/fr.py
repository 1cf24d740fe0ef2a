"""French: a (narrow) no-break space before : ; ? ! and » and after «, decimal comma, spaces between thousands."""

from __future__ import annotations

from evalkit.lang.generic import Generic


class French(Generic):
    code = "fr"
    name = "French"
    script = "LATIN"
    decimal_mark = ","
    thousands_marks = "\u202f\u00a0 ."
    space_before = ":;?!»%"
    space_after = "«"
    # 'vous vous trompez', 'nous nous sommes vus': the subject, then the reflexive pronoun.
    doublings = frozenset({"vous", "nous"})
    function_words = frozenset(
        """le la les l un une des du de d à au aux et ou mais donc or ni car que qu qui quoi dont où ce cet
        cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je j tu il elle on nous vous
        ils elles me m te t se s lui y en ne n pas plus est sont était être a ont avait avoir fait dans par pour
        sur sous avec sans chez entre vers comme si très aussi bien tout tous toute toutes""".split())
    month_names = {
        "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    }
    number_words = {
        "zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
        "dix": 10, "onze": 11, "douze": 12, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
        "cent": 100, "mille": 1000, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
        "douzaine": 12,
    }
    abbreviations = frozenset("m mme mlle dr p ex etc env n°".split())
