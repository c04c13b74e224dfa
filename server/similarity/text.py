"""German text as the similarity model reads it: lower case, umlauts folded, words reduced to a crude stem.

No dictionary and nothing downloaded: a few suffix rules catch most inflection (``Familien``/``Familie``,
``Angebote``/``Angebot``), and the character n-grams of :mod:`server.similarity.model` catch the rest
(compounds such as ``Seniorentreff`` beside ``Treffpunkt für Senioren``).
"""

from __future__ import annotations

import re
from functools import lru_cache

FOLDING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "à": "a"})
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
SUFFIXES = ("ungen", "heiten", "keiten", "innen", "ung", "heit", "keit", "lich", "isch", "ern", "em", "en", "er",
            "es", "in", "e", "n", "s")  # fmt: skip
MIN_STEM = 4

_STOPWORDS = """
    aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus bei beim
    bis bisher bzw da dabei dadurch dafuer damit dann darauf darin das dass davon dazu dem den denen der deren des
    dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einige er es
    etwa etwas fuer gegen gibt hat haben hier ihr ihre ihrem ihren ihrer im in indem ins ist je jede jedem jeden
    jeder jedes kann kein keine koennen mehr mit muss nach nicht noch nur ob oder ohne pro sehr sein seine sich
    sie sind so soll sollen sowie ueber um und uns unter viel vom von vor wann war was weil weitere welche wenn
    werden wie wir wird wo zu zum zur zwei zwischen bzw ca sowohl schon seit soweit sollte wurde wurden
    """
STOPWORDS = frozenset(_STOPWORDS.split())


def fold(text: str) -> str:
    """Lower case with umlauts and ß spelt out, so ``Bürger`` and ``Buerger`` are one word."""
    return text.lower().translate(FOLDING)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A folded word without its most common German inflection or derivation suffix."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The folded words of a text, stop words left out."""
    return [w for w in WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=20_000)
def stem_set(sentence: str) -> frozenset[str]:
    """The stems of a sentence's words (asked for again and again while a group types: kept)."""
    return frozenset(stem(w) for w in words(sentence))


def stems(text: str) -> list[str]:
    """Stemmed words and the pairs of neighbouring stems (``wohnung_tausch``): what the word model counts."""
    found = [stem(w) for w in words(text)]
    return found + [f"{a}_{b}" for a, b in zip(found, found[1:], strict=False)]


def sentences(text: str) -> list[str]:
    """A text cut into sentences (and lines); pieces without a word are left out."""
    return [s.strip() for s in SENTENCE_END.split(text) if WORD.search(s or "")]


COMPARED_FIELDS = ("title", "description", "goal")  # the target group is left out: hard negatives share it


def proposal_text(fields: dict[str, str]) -> str:
    """What is compared of a proposal: title (counted twice: it names the idea), description and goal."""
    title = (fields.get("title") or "").strip()
    parts = [title, title, *((fields.get(name) or "").strip() for name in COMPARED_FIELDS[1:])]
    return "\n".join(p for p in parts if p)


def passage_text(fields: dict[str, str]) -> str:
    """The text passages are taken from: every compared field once."""
    return "\n".join((fields.get(name) or "").strip() for name in COMPARED_FIELDS if (fields.get(name) or "").strip())
