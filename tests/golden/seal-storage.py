#!/usr/bin/env python3
"""Writes storage-local-vault.json: storage-local.json's secrets as the vault
keeps them (the vault's format, README "The vault"), by another implementation
than the extension's (Python's hashlib and cryptography), with the passphrase
`correct horse battery`. The Wasm suite opens every secret in it.

Run from the repository root: python3 tests/golden/seal-storage.py
"""
import base64, hashlib, json
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PASSPHRASE = "correct horse battery"
ITERATIONS = 600_000
SALT = bytes(range(16))
SECRETS = {"token:": "token", "oauth:": "refreshToken", "client:": "clientSecret"}

b64 = lambda b: base64.b64encode(b).decode()
key = hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), SALT, ITERATIONS, 32)
gcm = AESGCM(key)


def seal(text, bound, n):
    iv = bytes([n]) * 12  # fixed here so the file is reproducible; random in the extension
    return f"sealed:{b64(iv)}:{b64(gcm.encrypt(iv, text.encode(), bound.encode()))}"


plain = json.load(open("tests/golden/storage-local.json"))
vault = {}
for n, (name, record) in enumerate(sorted(plain.items()), start=1):
    field = next((f for p, f in SECRETS.items() if name.startswith(p)), None)
    if field:
        record = dict(record, **{field: seal(record[field], name, n)})
    vault[name] = record
vault["vault"] = {
    "v": 1,
    "iterations": ITERATIONS,
    "salt": b64(SALT),
    "check": seal("authtoken-keeper vault", "vault check", 99),
    "idleMinutes": 15,
}
with open("tests/golden/storage-local-vault.json", "w") as out:
    out.write(json.dumps(vault, indent=2, sort_keys=True) + "\n")
