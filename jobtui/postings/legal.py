"""Legal forms that end a company's name (`Acme, Inc.`, `Allegro sp. z o.o.`): set aside when
names are compared (copies, the blocklist) and allowed in small letters in a name."""

from __future__ import annotations

LEGAL_FORMS = frozenset(
    "inc incorporated llc llp lp ltd limited corp corporation co company plc pbc gmbh mbh ag "
    "kg kgaa ug se ev sa sas sarl srl spa sl slu bv nv oy oyj ab as asa aps pty pte pvt kk "
    "ltda sro doo bhd".split()
)
"""Legal forms that follow a company's name, or not, on different boards (`Acme, Inc.`), as
words after dots are dropped (`S.A.` is `sa`, `s.r.o.` is `sro`)."""
LEGAL_PHRASES = (
    ("sp", "z", "oo"),
    ("sa", "de", "cv"),
    ("s", "de", "rl"),
    ("private", "limited"),
    ("sdn",),  # (of `Sdn Bhd`, once `bhd` is gone)
)
"""Legal forms of several words (`sp. z o.o.`, `S.A. de C.V.`, `Pvt. Ltd.`, `Sdn. Bhd.`)."""


def without_legal_form(words: list[str]) -> list[str]:
    """The words of a company's name without the legal forms at their end (`Artisan Web
    S.L.`, `Allegro sp. z o.o.`, `Acme GmbH & Co. KG`), never all of them (`Company`)."""
    while len(words) > 1:
        phrase = next(
            (f for f in LEGAL_PHRASES if len(words) > len(f) and tuple(words[-len(f) :]) == f),
            None,
        )
        if phrase is not None:
            words = words[: -len(phrase)]
        elif words[-1] in LEGAL_FORMS:
            words = words[:-1]
        else:
            break
    return words
