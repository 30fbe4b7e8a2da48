"""Text from the article or a record, made safe to show inside factsift's own sentences.

A page, a corpus document, a fact-check or a rating list can carry characters that change
how the text around them reads without being seen: bidirectional controls (U+202E turns
"factsift's own" words around it right to left), zero-width and other invisible characters
(hide or spoof a name), and C0/C1 controls (ESC sequences drive a terminal). Renderers show
each such character as a visible marker, ``⟦U+202E⟧``, and isolate right-to-left text so it
cannot reorder the words around it: ``<bdi>`` in HTML, FSI ... PDI (U+2068, U+2069) in
plain text. Once every bidi control of the input is a marker, the only characters that can
still move their neighbours are right-to-left letters and Arabic digits, so renderers
isolate exactly the runs that hold them and leave the rest as it was (``needs_isolate``).

Some invisible characters are spelling, not spoofing, and are kept: a zero-width (non-)joiner
between two letters of a script that joins (Persian, Devanagari) or between emoji, a
variation selector after the character it varies, the tag characters of a flag, and a soft
hyphen inside a word.

The JSON report keeps the original text (it is data); ``escape_json`` writes these
characters there as ``\\u`` escapes, which read back the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate
ZWNJ, ZWJ, SOFT_HYPHEN = "\u200c", "\u200d", "\u00ad"
KEYCAP = "\u20e3"

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): shown as nothing.
_DEFAULT_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Format characters (Cf) that are drawn, not hidden: Arabic and other number signs.
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_VISIBLE_FORMAT |= frozenset("\U000110bd\U000110cd")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# A flag of a region: black flag, tag letters, cancel tag (Scotland, Wales, England).
_FLAG_TAGS = re.compile("\U0001f3f4([\U000e0020-\U000e007e]+\U000e007f)")
# Everything but printable ASCII, tab and newline: the only characters worth a closer look.
_UNUSUAL = re.compile(r"[^\t\n\x20-\x7e]")
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
    0x9D: "OPERATING SYSTEM COMMAND",
}
_IGNORABLE = re.compile(f"[{_DEFAULT_IGNORABLE}]")


@dataclass(frozen=True, slots=True)
class Untrusted:
    """Text that came from the input or a record, as opposed to factsift's own words."""

    text: str


# A sentence of a report: factsift's own words (``str``) and untrusted runs in between.
Part = str | Untrusted


def untrusted(value: object) -> Untrusted:
    """Any report value as untrusted text (None as empty)."""
    return Untrusted("" if value is None else str(value))


def _suspect(char: str) -> bool:
    """Controls, format, surrogate and default-ignorable characters, before context."""
    category = unicodedata.category(char)
    if category in {"Cc", "Cs"}:
        return char not in "\t\n"
    if category == "Cf":
        return char not in _VISIBLE_FORMAT
    return _IGNORABLE.match(char) is not None


def _joins(char: str) -> bool:
    """A letter or emoji that a joiner may legitimately follow or precede (not Latin)."""
    if char.isascii() or unicodedata.category(char)[0] not in "LMS":
        return False
    return not unicodedata.name(char, "").startswith("LATIN ")


def _kept(text: str, index: int, flags: set[int]) -> bool:
    """True where a suspect character is spelling rather than spoofing (see the docstring)."""
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in (ZWJ, ZWNJ):
        return bool(before and after) and _joins(before) and _joins(after)
    if _VARIATION.match(char):  # after a visible non-ASCII character, or a keycap digit
        return (bool(before) and not before.isascii() and not _suspect(before)) or after == KEYCAP
    if char == SOFT_HYPHEN:
        return before.isalpha() and after.isalpha()
    return index in flags


def hidden_positions(text: str) -> list[int]:
    """Indexes of the characters of ``text`` to show as markers, judged in their context."""
    flags: set[int] = set()
    if "\U0001f3f4" in text:
        for match in _FLAG_TAGS.finditer(text):
            flags.update(range(match.start(1), match.end(1)))
    return [
        m.start()
        for m in _UNUSUAL.finditer(text)
        if _suspect(m.group()) and not _kept(text, m.start(), flags)
    ]


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` as runs ``(run, False)`` and single hidden characters ``(char, True)``."""
    start = 0
    for index in hidden_positions(text):
        if index > start:
            yield text[start:index], False
        yield text[index], True
        start = index + 1
    if start < len(text):
        yield text[start:], False


def marker(char: str) -> str:
    """The visible stand-in of a hidden character: ``⟦U+202E⟧``."""
    return f"\u27e6U+{ord(char):04X}\u27e7"


def char_label(char: str) -> str:
    """``"U+202E RIGHT-TO-LEFT OVERRIDE"``: the code point and its name, for a tooltip."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "")
    if not name:
        name = "SURROGATE" if unicodedata.category(char) == "Cs" else "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def visible(text: str) -> str:
    """``text`` with each hidden character replaced by its marker."""
    return "".join(marker(run) if hidden else run for run, hidden in pieces(text))


def needs_isolate(text: str) -> bool:
    """True when ``text`` holds characters that can reorder the text around it."""
    return any(
        unicodedata.bidirectional(m.group()) in {"R", "AL", "AN"} for m in _UNUSUAL.finditer(text)
    )


def isolated(text: str) -> str:
    """``text`` between FSI and PDI when it needs it (call on text already ``visible``)."""
    return f"{FSI}{text}{PDI}" if needs_isolate(text) else text


def plain(parts: Iterable[Part]) -> str:
    """A sentence as plain text (a tooltip, a page title): untrusted runs made visible and,
    where they hold right-to-left text, isolated."""
    return "".join(
        isolated(visible(part.text)) if isinstance(part, Untrusted) else part for part in parts
    )


def escape_json(dumped: str) -> str:
    """JSON text with every hidden character inside its strings written as a ``\\u`` escape.

    Outside strings JSON has only ASCII punctuation, letters, digits and whitespace, and
    ``json.dumps`` already escapes the C0 controls inside them, so every such character left
    is inside a string, where the escape reads back as the same character. All of them are
    escaped, legitimate uses too: an escape loses nothing.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if not _suspect(char):
            return char
        code = ord(char)
        if code > 0xFFFF:  # outside the BMP: a UTF-16 surrogate pair, as JSON writes it
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _UNUSUAL.sub(escape, dumped)
