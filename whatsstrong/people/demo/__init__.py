"""The demo organisation loaded by `manage.py load_demo`: data in JSON, loading in loader.py."""
