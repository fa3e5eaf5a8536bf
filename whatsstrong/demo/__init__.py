"""The demo council (`manage.py load_demo`) and generated councils at scale (`manage.py generate_council`).

They span every app, so they live here, above the domain apps: each app's records are written through
that app's services (the demo) or in bulk beside them (the generator). No app imports this package.
"""
