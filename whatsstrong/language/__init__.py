"""What's Strong language coach: finds deficit language and service jargon.

A pure Python library (standard library only) so that it can be used from
Django, from the command line and in batch audits alike.

    >>> from whatsstrong.language import check
    >>> [f.rule for f in check("She suffers from arthritis and has a POC.")]
    ['suffers-from', 'POC']
"""

from .lexicon import Entry, Lexicon, LexiconError, load_lexicon
from .matcher import Finding, check, summarise

__all__ = ["Entry", "Finding", "Lexicon", "LexiconError", "check", "load_lexicon", "summarise"]
