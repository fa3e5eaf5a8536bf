"""Every schema the API shows has a name of its own. The OpenAPI document keeps one schema per class
name, so two apps' classes with the same name and different fields would describe one of them wrongly
(a family action's answer checked against the panel action's fields, say)."""

from collections import defaultdict

from ninja import Schema

from whatsstrong.api import api


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_no_two_different_schemas_share_a_name():
    api.get_openapi_schema()  # every router and its schemas imported
    by_name = defaultdict(dict)
    for cls in _all_subclasses(Schema):
        if cls.__module__.startswith("whatsstrong."):
            by_name[cls.__name__][cls.__module__] = cls.model_json_schema()
    clashes = {
        name: sorted(found)
        for name, found in by_name.items()
        if len({repr(sorted(schema.items())) for schema in found.values()}) > 1
    }
    assert clashes == {}
