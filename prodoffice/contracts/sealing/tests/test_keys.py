"""The office key: init, import from PKCS#12, refusal to overwrite, file modes, the CLI verb."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.contracts.sealing import (
    SealError,
    SigningKeyExists,
    SigningKeyMissing,
    import_signing_key,
    init_signing_key,
    keys,
    office_certificate,
    seal_document,
    verify_pdf,
)
from prodoffice.contracts.sealing.tests.conftest import make_completion


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_an_encrypted_key_and_a_ten_year_self_signed_certificate(signing_dir):
    cert = init_signing_key("Acme office seal", "Acme Films")
    assert cert.common_name == "Acme office seal" and cert.organisation == "Acme Films"
    assert cert.subject == cert.issuer
    assert timedelta(days=3649) < cert.not_after - cert.not_before < timedelta(days=3651)
    key_pem = (signing_dir / keys.KEY_FILE).read_bytes()
    assert key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert serialization.load_pem_private_key(key_pem, keys.passphrase())
    for name in (keys.KEY_FILE, keys.CERT_FILE):
        assert _mode(signing_dir / name) == 0o600
    assert _mode(signing_dir) == 0o700
    usage = cert.x509.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert len(cert.fingerprint_sha256.split(":")) == 32
    assert json.dumps(cert.as_dict())


def test_init_refuses_to_overwrite_without_force(signing_dir):
    first = init_signing_key("Acme office seal", "Acme Films")
    before = (signing_dir / keys.KEY_FILE).read_bytes()
    with pytest.raises(SigningKeyExists, match="refusing to overwrite"):
        init_signing_key("Other", "Other Films")
    assert (signing_dir / keys.KEY_FILE).read_bytes() == before
    assert office_certificate().fingerprint_sha256 == first.fingerprint_sha256
    replaced = init_signing_key("Other", "Other Films", force=True)
    assert replaced.common_name == "Other"
    assert replaced.fingerprint_sha256 != first.fingerprint_sha256


def test_init_names_the_missing_field(signing_dir):
    with pytest.raises(SealError, match="common name"):
        init_signing_key(" ", "Acme")
    with pytest.raises(SealError, match="organisation"):
        init_signing_key("Acme seal", "")
    assert not (signing_dir / keys.KEY_FILE).exists()


def test_office_certificate_without_a_key_says_how_to_make_one(signing_dir):
    with pytest.raises(SigningKeyMissing, match="signing-key init"):
        office_certificate()


def test_the_passphrase_setting_encrypts_the_key(signing_dir, settings):
    settings.PRODOFFICE_SIGNING_PASSPHRASE = "correct horse battery staple"
    init_signing_key("Acme office seal", "Acme Films")
    key_pem = (signing_dir / keys.KEY_FILE).read_bytes()
    assert serialization.load_pem_private_key(key_pem, b"correct horse battery staple")


def test_a_changed_secret_key_is_reported_not_a_crash(office_key, contract_pdf, settings):
    settings.SECRET_KEY = "another-secret-key-" * 4
    keys.forget_cached_signer()
    completion = make_completion(contract_pdf)
    with pytest.raises(SealError, match="cannot be decrypted"):
        seal_document(contract_pdf, completion, reason="x", contract_ref=completion.contract_ref)


def _p12(tmp_path, passphrase: bytes, common_name="Imported office seal"):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Imported Films"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=700))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "office.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", key, cert, None, serialization.BestAvailableEncryption(passphrase)
        )
    )
    return path, cert


def test_import_takes_a_p12_and_the_imported_key_seals(signing_dir, tmp_path, contract_pdf):
    path, cert = _p12(tmp_path, b"s3cret-p12")
    imported = import_signing_key(path, "s3cret-p12")
    assert imported.fingerprint_sha256 == cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert _mode(signing_dir / keys.KEY_FILE) == 0o600
    completion = make_completion(contract_pdf)
    sealed = seal_document(
        contract_pdf, completion, reason="Countersigned", contract_ref=completion.contract_ref
    )
    verdict = verify_pdf(sealed, stored_sha256=hashlib.sha256(sealed).hexdigest())
    assert verdict.ok, verdict.messages
    assert verdict.signer == "Imported office seal"


def test_import_refuses_a_wrong_passphrase_and_an_existing_key(signing_dir, tmp_path):
    path, _cert = _p12(tmp_path, b"s3cret-p12")
    with pytest.raises(SealError, match="passphrase is wrong"):
        import_signing_key(path, "nope")
    assert not (signing_dir / keys.KEY_FILE).exists()
    with pytest.raises(SealError, match="cannot read"):
        import_signing_key(tmp_path / "missing.p12", "x")
    init_signing_key("Acme office seal", "Acme Films")
    with pytest.raises(SigningKeyExists):
        import_signing_key(path, "s3cret-p12")
    assert office_certificate().common_name == "Acme office seal"
    assert import_signing_key(path, "s3cret-p12", force=True).common_name == (
        "Imported office seal"
    )


def test_cli_init_show_and_refusal(signing_dir, capsys):
    with pytest.raises(CommandError, match="signing-key init") as missing:
        call_command("signing_key", "show")
    assert missing.value.returncode == 1
    call_command("signing_key", "init", "--common-name", "CLI seal", "--organisation", "CLI Films")
    assert "Created: O=CLI Films,CN=CLI seal" in capsys.readouterr().out
    with pytest.raises(CommandError, match="refusing to overwrite") as again:
        call_command("signing_key", "init")
    assert again.value.returncode == 1
    call_command("signing_key", "show", "--json")
    shown = json.loads(capsys.readouterr().out)
    assert shown["common_name"] == "CLI seal" and shown["self_signed"] is True
    assert shown["fingerprint_sha256"] == office_certificate().fingerprint_sha256


def test_cli_import_with_a_passphrase_file(signing_dir, tmp_path, capsys):
    path, _cert = _p12(tmp_path, b"from-a-file")
    secret = tmp_path / "pass.txt"
    secret.write_text("from-a-file\n")
    call_command("signing_key", "import", str(path), "--passphrase-file", str(secret))
    assert "Imported: O=Imported Films,CN=Imported office seal" in capsys.readouterr().out
    with pytest.raises(CommandError, match="passphrase-file"):
        call_command(
            "signing_key", "import", str(path), "--passphrase-file", str(tmp_path / "nope")
        )


def test_import_of_a_ca_issued_certificate_keeps_its_chain_and_seals(
    signing_dir, tmp_path, contract_pdf
):
    now = datetime.now(UTC)
    ca_key, leaf_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Studio Root CA")])
    leaf_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Studio office seal")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3000))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(leaf_name)
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=700))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(ca_key, hashes.SHA256())
    )
    path = tmp_path / "studio.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal", leaf_key, leaf, [ca], serialization.BestAvailableEncryption(b"pw")
        )
    )
    imported = import_signing_key(path, "pw")
    assert imported.issuer == "CN=Studio Root CA"
    assert (signing_dir / keys.CHAIN_FILE).exists()
    completion = make_completion(contract_pdf)
    sealed = seal_document(
        contract_pdf, completion, reason="Countersigned", contract_ref=completion.contract_ref
    )
    verdict = verify_pdf(sealed)
    assert verdict.ok, verdict.messages
    assert verdict.signer == "Studio office seal"


def test_the_office_signer_signs_exactly_like_pyhankos_simple_signer(office_key):
    from pyhanko.sign import signers

    folder = keys.signing_dir()
    plain = signers.SimpleSigner.load(
        str(folder / keys.KEY_FILE), str(folder / keys.CERT_FILE), key_passphrase=keys.passphrase()
    )
    office = keys.office_signer()
    assert type(office).__name__ == "OfficeSigner"
    assert keys.office_signer() is office  # cached while the key files do not change
    data = b"the document digest's signed attributes"
    assert office.sign_raw(data, "sha256") == plain.sign_raw(data, "sha256")


def test_an_unwritable_signing_folder_is_a_clear_error(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.PRODOFFICE_SIGNING_DIR = blocker / "signing"
    with pytest.raises(SealError, match="cannot write the office key"):
        init_signing_key("Acme office seal", "Acme Films")


def test_a_key_and_certificate_that_do_not_match_are_refused(office_key, tmp_path, contract_pdf):
    path, _cert = _p12(tmp_path, b"pw")
    cert_pem = (keys.signing_dir() / keys.CERT_FILE).read_bytes()
    import_signing_key(path, "pw", force=True)  # an EC key and its certificate
    (keys.signing_dir() / keys.CERT_FILE).write_bytes(cert_pem)  # the old RSA certificate back
    keys.forget_cached_signer()
    completion = make_completion(contract_pdf)
    with pytest.raises(SealError, match="do not belong together"):
        seal_document(contract_pdf, completion, reason="x", contract_ref=completion.contract_ref)
