"""Print the single sign-on settings for an identity provider, read from its discovery document.

    manage.py oidc_discover https://login.microsoftonline.com/<tenant id>/v2.0

Reads `<issuer>/.well-known/openid-configuration` once and prints the environment lines to add (the
client id and secret come from registering the app with the provider). Nothing is fetched at start-up.
"""

import requests
from django.core.management.base import BaseCommand, CommandError

FIELDS = {
    "OIDC_ISSUER": "issuer",
    "OIDC_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_USERINFO_ENDPOINT": "userinfo_endpoint",
}


class Command(BaseCommand):
    help = "Print the OIDC_... settings for an identity provider from its discovery document."

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="The provider's issuer address, or its discovery document's.")

    def handle(self, *args, issuer, **options):
        url = issuer.rstrip("/")
        if not url.endswith("/.well-known/openid-configuration"):
            url += "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise CommandError(f"Could not read the discovery document at {url}: {error}") from error
        missing = [key for key in FIELDS.values() if key != "userinfo_endpoint" and not document.get(key)]
        if missing:
            raise CommandError(f"The discovery document at {url} has no {', '.join(missing)}.")
        for name, key in FIELDS.items():
            if document.get(key):
                self.stdout.write(f"{name}={document[key]}")
