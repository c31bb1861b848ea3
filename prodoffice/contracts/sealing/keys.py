"""The office seal's key and X.509 certificate, kept under settings.PRODOFFICE_SIGNING_DIR.

The office is its own trust root: `init_signing_key` makes a self-signed certificate, or an
existing key and certificate come in from a PKCS#12 file. The private key is stored encrypted
with PRODOFFICE_SIGNING_PASSPHRASE (or a passphrase derived from SECRET_KEY), files mode 0600.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

from prodoffice.core.env import env_secret

KEY_FILE = "office-key.pem"
CERT_FILE = "office-cert.pem"
CHAIN_FILE = "office-chain.pem"
VALIDITY = timedelta(days=3650)
RSA_BITS = 3072


class SealError(Exception):
    """The seal cannot be applied or its key cannot be managed; the message says why."""


class SigningKeyMissing(SealError):
    """No office key has been created or imported yet."""


class SigningKeyExists(SealError):
    """An office key exists and the caller did not ask to replace it."""


@dataclass(frozen=True)
class OfficeCertificate:
    """The office seal certificate as shown to people: subject, fingerprint, validity."""

    pem: bytes
    subject: str
    common_name: str
    organisation: str
    issuer: str
    fingerprint_sha256: str
    serial: str
    not_before: datetime
    not_after: datetime
    path: Path

    @property
    def x509(self) -> x509.Certificate:
        """The certificate as a `cryptography` object."""
        return x509.load_pem_x509_certificate(self.pem)

    def as_dict(self) -> dict:
        """JSON-safe summary for `signing-key show --json` and the API."""
        return {
            "subject": self.subject,
            "common_name": self.common_name,
            "organisation": self.organisation,
            "issuer": self.issuer,
            "fingerprint_sha256": self.fingerprint_sha256,
            "serial": self.serial,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "self_signed": self.subject == self.issuer,
            "path": str(self.path),
        }


def signing_dir() -> Path:
    """Where the key and certificate live."""
    configured = getattr(settings, "PRODOFFICE_SIGNING_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "signing"


def passphrase() -> bytes:
    """The key's passphrase: PRODOFFICE_SIGNING_PASSPHRASE, else one derived from SECRET_KEY."""
    given = getattr(settings, "PRODOFFICE_SIGNING_PASSPHRASE", None) or env_secret(
        "PRODOFFICE_SIGNING_PASSPHRASE"
    )
    if given:
        return given.encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), b"prodoffice.signing-key", hashlib.sha256)
    return digest.hexdigest().encode()


def generate_private_key() -> rsa.RSAPrivateKey:
    """A fresh RSA 3072 key (PKCS#1 v1.5 signatures are deterministic, unlike ECDSA)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)


def _self_signed(key, common_name: str, organisation: str) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )
    now = datetime.now(UTC).replace(microsecond=0)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


def _write_private(path: Path, data: bytes) -> Path:
    """Write a temporary file beside path, readable by its owner only from its creation on."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    return tmp


def _refuse_overwrite(force: bool) -> None:
    folder = signing_dir()
    if (folder / KEY_FILE).exists() and not force:
        raise SigningKeyExists(
            f"An office signing key already exists in {folder}; refusing to overwrite it "
            "(use --force to replace it: documents sealed with the old key then no longer "
            "verify as the office seal)."
        )


def _store(key, cert: x509.Certificate, chain: list[x509.Certificate], *, force: bool) -> None:
    """Write key, certificate and chain: all to temporary files first, then renamed in place,
    so a full disk or a crash half-way leaves the previous pair intact."""
    _refuse_overwrite(force)
    folder = signing_dir()
    files = {
        KEY_FILE: key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase()),
        ),
        CERT_FILE: cert.public_bytes(serialization.Encoding.PEM),
    }
    if chain:
        files[CHAIN_FILE] = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        staged = {name: _write_private(folder / name, data) for name, data in files.items()}
        for name, tmp in staged.items():
            os.replace(tmp, folder / name)
        if not chain:
            (folder / CHAIN_FILE).unlink(missing_ok=True)
    except OSError as exc:
        raise SealError(f"{folder}: cannot write the office key there ({exc.strerror}).") from exc
    finally:
        forget_cached_signer()


def init_signing_key(
    common_name: str, organisation: str, *, force: bool = False
) -> OfficeCertificate:
    """Create the office key and its self-signed certificate (10 years); refuse to overwrite."""
    common_name, organisation = (common_name or "").strip(), (organisation or "").strip()
    if not common_name:
        raise SealError("common name: give the name the seal shows, e.g. 'Acme Films office'.")
    if not organisation:
        raise SealError("organisation: give the production company's name.")
    _refuse_overwrite(force)  # before the slow key generation
    key = generate_private_key()
    _store(key, _self_signed(key, common_name, organisation), [], force=force)
    return office_certificate()


def import_signing_key(
    p12_path: str | os.PathLike, passphrase: str | bytes | None, *, force: bool = False
) -> OfficeCertificate:
    """Take the office key and certificate (and chain) from a PKCS#12 file; refuse to overwrite."""
    path = Path(p12_path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SealError(f"{path}: cannot read the PKCS#12 file ({exc.strerror}).") from exc
    secret = passphrase.encode() if isinstance(passphrase, str) else passphrase
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret or None)
    except ValueError as exc:
        raise SealError(f"{path}: not a PKCS#12 file, or the passphrase is wrong ({exc}).") from exc
    if key is None or cert is None:
        raise SealError(
            f"{path}: the PKCS#12 file must hold both a private key and its certificate."
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SealError(f"{path}: the key must be RSA or ECDSA, not {type(key).__name__}.")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise SealError(f"{path}: the private key does not belong to the certificate.")
    now = datetime.now(UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SealError(
            f"{path}: the certificate is not valid now (valid {cert.not_valid_before_utc:%Y-%m-%d}"
            f" to {cert.not_valid_after_utc:%Y-%m-%d})."
        )
    _store(key, cert, list(extra or []), force=force)
    return office_certificate()


def office_certificate() -> OfficeCertificate:
    """The office seal certificate; SigningKeyMissing when none was created or imported."""
    path = signing_dir() / CERT_FILE
    try:
        pem = path.read_bytes()
    except FileNotFoundError as exc:
        raise SigningKeyMissing(
            f"No office signing key in {signing_dir()}: run `prodoffice signing-key init` "
            "(or `prodoffice signing-key import FILE.p12`)."
        ) from exc
    cert = x509.load_pem_x509_certificate(pem)
    return OfficeCertificate(
        pem=pem,
        subject=cert.subject.rfc4514_string(),
        common_name=_attr(cert.subject, NameOID.COMMON_NAME),
        organisation=_attr(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=cert.issuer.rfc4514_string(),
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(":").upper(),
        serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        path=path,
    )


def _attr(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


# The decrypted signer is cached per process: decrypting the key costs more than signing.
_cache: dict[tuple, object] = {}
_cache_lock = threading.Lock()


def forget_cached_signer() -> None:
    """Drop the cached signer (after init/import, or when tests switch directories)."""
    with _cache_lock:
        _cache.clear()


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size, st.st_ino)


@functools.cache
def _office_signer_class():
    """The signer class, built on first use (pyHanko is imported only when sealing)."""
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign import signers
    from pyhanko.sign.general import get_pyca_cryptography_hash

    class OfficeSigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner, keeping the key loaded between signatures.

        SimpleSigner re-parses (and for RSA re-validates) the private key on every signature,
        twice per PDF (size estimate and signature): most of its signing time.
        """

        _loaded_key = None

        @classmethod
        def load(cls, *args, **kwargs):
            plain = signers.SimpleSigner.load(*args, **kwargs)
            if plain is None:
                return None
            signer = cls(
                signing_cert=plain.signing_cert,
                signing_key=plain.signing_key,
                cert_registry=plain.cert_registry,
            )
            signer._loaded_key = serialization.load_der_private_key(
                plain.signing_key.dump(), password=None
            )
            return signer

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            key, hash_algo = self._loaded_key, get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, PKCS1v15(), hash_algo)
            if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return OfficeSigner


def office_signer():
    """A pyHanko signer for the office key (cached while the key files do not change)."""
    office_signer_class = _office_signer_class()
    folder = signing_dir()
    key_path, cert_path, chain_path = folder / KEY_FILE, folder / CERT_FILE, folder / CHAIN_FILE
    if not key_path.exists() or not cert_path.exists():
        office_certificate()  # raises SigningKeyMissing with the hint
    marker = (_stamp(key_path), _stamp(cert_path), hashlib.sha256(passphrase()).hexdigest())
    with _cache_lock:
        if marker in _cache:
            return _cache[marker]
    signer = office_signer_class.load(
        str(key_path),
        str(cert_path),
        ca_chain_files=(str(chain_path),) if chain_path.exists() else None,
        key_passphrase=passphrase(),
    )
    if signer is None:
        raise SealError(
            f"The office key in {folder} cannot be decrypted: PRODOFFICE_SIGNING_PASSPHRASE or "
            "SECRET_KEY changed since the key was created."
        )
    if (
        signer._loaded_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        != signer.signing_cert.public_key.dump()
    ):
        raise SealError(f"The office key and certificate in {folder} do not belong together.")
    with _cache_lock:
        _cache.clear()
        _cache[marker] = signer
    return signer
