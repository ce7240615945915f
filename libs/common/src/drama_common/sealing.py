"""Sealing secrets that must cross the bus (an AI config's key on its way to a worker).

A sealed value is AES-GCM encrypted with a key derived from ``BUS_SECRET``, so the key
never appears in clear in a message, a capture or a log line.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def _key(secret: str) -> bytes:
    return hashlib.sha256(("drama-bus-seal:" + secret).encode()).digest()


def seal(value: str, secret: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(secret)).encrypt(nonce, value.encode(), None)
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(token: str, secret: str) -> str:
    raw = base64.urlsafe_b64decode(token.encode())
    return AESGCM(_key(secret)).decrypt(raw[:12], raw[12:], None).decode()
