"""A real OpenID Connect provider for the single sign-on tests, built with Authlib's server pieces on Flask.

It speaks the authorisation code flow over HTTP on a free local port: discovery, the authorisation
endpoint, the token endpoint (client secret in the body or as basic auth), the signing keys (JWKS) and
userinfo. Nobody types a password here: `provider.signing_in_as` names the subject who is "signed in"
at the provider, and the authorisation endpoint approves straight away and sends the browser back.

Each test can make the provider misbehave the way a real one, or an attacker, could:
`sign_with_other_key` signs ID tokens with a key that is not the published one (same key id), and
`token_lifetime` < 0 issues ID tokens that have already expired.
"""

import secrets
import threading
import time

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import grants
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server

KEY_ID = "test-signing-key"


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class Client:
    """The product, registered at the provider with one redirect address."""

    def __init__(self, client_id, client_secret, redirect_uri):
        self.client_id, self.client_secret, self.redirect_uri = client_id, client_secret, redirect_uri

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uri

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in {"openid", "email", "profile"})

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri == self.redirect_uri

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class Code:
    def __init__(self, code, client_id, redirect_uri, scope, subject, nonce):
        self.code, self.client_id, self.redirect_uri = code, client_id, redirect_uri
        self.scope, self.subject, self.nonce = scope, subject, nonce
        self.auth_time = int(time.time())

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class Provider:
    def __init__(self, client_id, client_secret, redirect_uri):
        self.client = Client(client_id, client_secret, redirect_uri)
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"})
        self.codes, self.tokens = {}, {}
        self.reset()
        self.app = self._app()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=QuietHandler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reset(self):
        self.signing_in_as = "subject-unset"
        self.sign_with_other_key = False
        self.token_lifetime = 300
        self.token_requests = 0

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.thread.join(5)

    def url(self, path):
        return self.issuer + path

    def endpoints(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url("/authorize"),
            "token_endpoint": self.url("/token"),
            "jwks_uri": self.url("/jwks"),
            "userinfo_endpoint": self.url("/userinfo"),
        }

    def _app(self):
        provider = self
        app = Flask("test_oidc_provider")

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code, req):
                provider.codes[code] = Code(
                    code,
                    req.client.get_client_id(),
                    req.payload.redirect_uri,
                    req.payload.scope,
                    req.user,
                    req.payload.data.get("nonce"),
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                return found if found and found.client_id == client.get_client_id() else None

            def delete_authorization_code(self, authorization_code):
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.subject

        class IdToken(OpenIDCode):
            def exists_nonce(self, nonce, req):
                return any(c.nonce == nonce for c in provider.codes.values())

            def resolve_client_private_key(self, client):
                return provider.other_key if provider.sign_with_other_key else provider.key

            def get_client_algorithm(self, client):
                return "RS256"

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": KEY_ID}

            def get_client_claims(self, client):
                now = int(time.time())
                return {
                    "iss": provider.issuer,
                    "aud": [client.get_client_id()],
                    "iat": now - max(0, -provider.token_lifetime) - 60,
                    "exp": now + provider.token_lifetime,
                }

            def generate_user_info(self, user, scope):
                return UserInfo(sub=user, name=f"Person {user}")

        def save_token(token, req):
            provider.tokens[token["access_token"]] = req.user

        server = AuthorizationServer(
            app, query_client=lambda cid: self.client if cid == self.client.client_id else None, save_token=save_token
        )
        server.register_grant(CodeGrant, [IdToken(require_nonce=True)])

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                {
                    **provider.endpoints(),
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                }
            )

        @app.get("/authorize")
        def authorize():
            grant = server.get_consent_grant(end_user=provider.signing_in_as)
            return server.create_authorization_response(grant=grant, grant_user=provider.signing_in_as)

        @app.post("/token")
        def token():
            provider.token_requests += 1
            return server.create_token_response()

        @app.get("/jwks")
        def jwks():
            return jsonify({"keys": [provider.key.as_dict(private=False)]})

        @app.get("/userinfo")
        def userinfo():
            access_token = request.headers.get("Authorization", "").removeprefix("Bearer ")
            subject = provider.tokens.get(access_token)
            if subject is None:
                return jsonify({"error": "invalid_token"}), 401
            return jsonify({"sub": subject, "name": f"Person {subject}"})

        return app
