"""Small rules of written French shared by every message that names a person or a thing.

« de » before a name becomes « d' » only before a vowel sound: « d'Inès Caron », « d'Éric »,
« d'Yves » (y before a consonant is a vowel), but « de Yanis Bernier », « de Yasmine » (y before
a vowel is a consonant sound) and « de Hugo », « de Hélène » (an initial h is kept as « de »:
telling mute from aspirated h needs a dictionary, and « de Hugo » is never wrong).
"""

from __future__ import annotations

VOWELS = frozenset("AEIOUÂÀÄÉÈÊËÎÏÔÖŒÛÙÜaeiouâàäéèêëîïôöœûùü")
"""Letters that start a vowel sound (y is decided by the letter after it, h never elides)."""


def elides(word: str) -> bool:
    """Whether « de » / « le » / « que » lose their vowel before ``word``."""
    first = word[:1]
    if first in VOWELS:
        return True
    if first in ("Y", "y"):
        second = word[1:2]
        return bool(second) and second.isalpha() and second not in VOWELS
    return False


def of(name: str) -> str:
    """« de Léa Martin », « d'Inès Caron », « de Yanis Bernier », « d'Yves Roux », « de Hugo Petit »."""
    return f"d'{name}" if elides(name) else f"de {name}"
