from whatsstrong.language import check


def flagged(text, lexicon=None):
    """The flagged phrases as (phrase, kind, rule) for readable assertions."""
    return [(text[f.start : f.end], f.kind, f.rule) for f in check(text, lexicon)]


def phrases(text, lexicon=None):
    return [text[f.start : f.end] for f in check(text, lexicon)]
