"""A small OpenID Connect provider on a real HTTP server on localhost, for the single sign-on
tests: discovery, authorisation (a page with a button in the browser, or straight back with
``auto=1``), token (checks the code, the client's secret and PKCE), userinfo and the keys.

Its answers can be spoiled one way at a time (``spoil``) to show that the product refuses them:
another audience, an expired token, an unverified e-mail address, a wrong nonce.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "sscp-plans"
CLIENT_SECRET = "provider-test-secret"  # noqa: S105
KEY_ID = "test-key"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person = {}
        self.spoil = None
        self.codes = {}
        self.server: WSGIServer = make_server("127.0.0.1", 0, self.app, handler_class=_QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> Provider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sign_in_as(self, email: str, *, verified: bool = True, name: str = "Test Person"):
        self.person = {"email": email, "email_verified": verified, "name": name}

    # --- the endpoints

    def app(self, environ, start_response):
        path = environ["PATH_INFO"]
        query = {key: values[0] for key, values in parse_qs(environ["QUERY_STRING"]).items()}
        form = {}
        if environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode()
            form = {key: values[0] for key, values in parse_qs(body).items()}
        routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
            "/keys": self.keys,
        }
        handler = routes.get(path)
        if handler is None:
            return _answer(start_response, "404 Not Found", {"error": "not_found"})
        return handler(start_response, query, form, environ)

    def discovery(self, start_response, query, form, environ):
        return _answer(
            start_response,
            "200 OK",
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/keys",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )

    def authorize(self, start_response, query, form, environ):
        request = {**query, **form}
        if request.get("client_id") != CLIENT_ID:
            return _answer(start_response, "400 Bad Request", {"error": "unauthorized_client"})
        if environ["REQUEST_METHOD"] == "GET" and not request.get("auto"):
            page = (
                "<!doctype html><html lang='en'><head><title>Partner sign-in</title></head>"
                "<body><main><h1>Partner sign-in</h1><form method='post'>"
                + "".join(
                    f"<input type='hidden' name='{key}' value='{value}'>"
                    for key, value in request.items()
                )
                + f"<p>Signed in as {self.person.get('email')}</p>"
                "<button type='submit'>Continue to SSCP Plans</button></form></main></body></html>"
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode()]
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": request.get("nonce"),
            "challenge": request.get("code_challenge"),
            "redirect_uri": request["redirect_uri"],
        }
        target = (
            request["redirect_uri"] + "?" + urlencode({"code": code, "state": request["state"]})
        )
        start_response("302 Found", [("Location", target)])
        return [b""]

    def token(self, start_response, query, form, environ):
        grant = self.codes.pop(form.get("code"), None)
        if (
            grant is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
            or _challenge(form.get("code_verifier", "")) != grant["challenge"]
        ):
            return _answer(start_response, "400 Bad Request", {"error": "invalid_grant"})
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": self.person["email"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **self.person,
        }
        if self.spoil == "audience":
            claims["aud"] = "another-application"
        elif self.spoil == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 600
        elif self.spoil == "nonce":
            claims["nonce"] = "not-the-nonce-sent"
        elif self.spoil == "signature":
            other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            return self._tokens(start_response, claims, other)
        return self._tokens(start_response, claims, self.key)

    def _tokens(self, start_response, claims, key):
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})
        return _answer(
            start_response,
            "200 OK",
            {
                "access_token": "access-" + secrets.token_urlsafe(8),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def userinfo(self, start_response, query, form, environ):
        return _answer(start_response, "200 OK", {"sub": self.person["email"], **self.person})

    def keys(self, start_response, query, form, environ):
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": KEY_ID, "use": "sig", "alg": "RS256"})
        return _answer(start_response, "200 OK", {"keys": [jwk]})


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _answer(start_response, status: str, payload: dict):
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(payload).encode()]


def provider_settings(provider: Provider, *, name="Somerset Council", domains=("council.example",)):
    """SOCIALACCOUNT_PROVIDERS for one partner signing in through this provider."""
    return {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "council",
                    "name": name,
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": provider.url,
                        "allowed_domains": list(domains),
                        "oauth_pkce_enabled": True,
                        "token_auth_method": "client_secret_post",
                    },
                }
            ]
        }
    }
