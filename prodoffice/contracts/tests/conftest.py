"""Fixtures of the contract tests: an office seal in a temporary signing folder."""

from __future__ import annotations

import pytest

from prodoffice.contracts.sealing import init_signing_key, keys


@pytest.fixture(scope="session")
def _rsa_key():
    """RSA key generation takes about a second: one key for the session."""
    return keys.generate_private_key()


@pytest.fixture
def office_seal(settings, tmp_path, monkeypatch, _rsa_key):
    """An initialised office seal under a per-test PRODOFFICE_SIGNING_DIR."""
    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "signing"
    monkeypatch.setattr(keys, "generate_private_key", lambda: _rsa_key)
    keys.forget_cached_signer()
    yield init_signing_key("Nightjar office seal", "Nightjar Films Ltd")
    keys.forget_cached_signer()
