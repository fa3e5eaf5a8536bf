"""Written text as a page shows it: the person's own words (in quotation marks) as quotes."""

from markupsafe import Markup, escape

from . import rules


def their_words(text: str) -> Markup:
    """Escaped text with line breaks kept, each quoted span drawn as <q class="ws-their-words">.
    The quotation marks themselves are left to the <q> element, which draws them."""
    parts = []
    for piece, quoted in rules.split_quotes(text or ""):
        shown = escape(piece).replace("\n", Markup("<br>\n"))
        parts.append(Markup('<q class="ws-their-words">{}</q>').format(shown) if quoted else shown)
    return Markup("").join(parts)
