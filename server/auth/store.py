"""Accounts, sessions, API tokens and invitations, in tables beside the event store.

Credentials are personal data, not history: they live outside the events and
go when a person is erased. Only hashes of session ids and tokens are stored,
so a copy of the database signs nobody in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Boolean, Column, DateTime, MetaData, String, Table, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from domain.errors import InvalidInput, RuleViolation
from projections.personal_data import checkpoint_after_erasure

metadata = MetaData()

accounts = Table(
    "accounts",
    metadata,
    Column("person_id", String(36), primary_key=True),
    Column("login", String(200), nullable=False, unique=True),  # lower case
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("person_id", String(36), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("person_id", String(36), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)
invitations = Table(
    "invitations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("person_id", String(36), nullable=False, index=True),
    Column("created_by", String(36), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)
server_secrets = Table(
    "server_secrets",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", String(200), nullable=False),
)

TOKEN_PREFIX = "skt_"
MIN_PASSWORD_LENGTH = 10


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Account:
    person_id: UUID
    login: str
    password_hash: str


@dataclass(frozen=True)
class Session:
    person_id: UUID
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    """An API token as it may be shown: its id is the stored hash, never the token."""

    id: str
    person_id: UUID
    label: str
    created_at: datetime
    revoked: bool


# What a live connection was opened with, so it can be closed when that ends: a sign-in session
# or an API token, each by its stored hash.
SESSION_KEY, TOKEN_KEY = "session:", "token:"


def session_key(session_id: str) -> str:
    return SESSION_KEY + digest(session_id)


def token_key(token: str) -> str:
    return TOKEN_KEY + digest(token)


@dataclass(frozen=True)
class Invitation:
    id: UUID
    person_id: UUID
    expires_at: datetime
    used_at: datetime | None


class InvitationRefused(RuleViolation):
    """An invitation link that expired or was already used (410)."""


class InvitationInvalid(InvitationRefused):
    """A forged or unknown invitation link (404)."""


def check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("password", f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    if len(password) > 1000:
        raise InvalidInput("password", "Das Passwort ist zu lang (höchstens 1000 Zeichen).")
    return password


def check_login(login: object) -> str:
    if not isinstance(login, str) or not 3 <= len(login.strip()) <= 200 or any(c.isspace() for c in login.strip()):
        raise InvalidInput(
            "login", "Der Anmeldename muss 3 bis 200 Zeichen lang sein und darf keine Leerzeichen enthalten."
        )
    return login.strip().lower()


def _token_info(row: Any) -> TokenInfo:
    return TokenInfo(row.token_hash, UUID(row.person_id), row.label, _aware(row.created_at), bool(row.revoked))


def _new_account(person_id: str, login: str, password_hash: str) -> Any:
    return insert(accounts).values(person_id=person_id, login=login, password_hash=password_hash, created_at=now())


class AccountStore:
    def __init__(self, engine: Engine, secret_key: str | None = None) -> None:
        self.engine = engine
        metadata.create_all(engine)
        self.secret = (secret_key or self._stored_secret()).encode()

    def _stored_secret(self) -> str:
        """The signing key for invitation links: made once, kept in the database."""
        with self.engine.begin() as connection:
            row = connection.execute(select(server_secrets.c.value).where(server_secrets.c.name == "signing")).first()
            if row:
                return str(row.value)
            value = secrets.token_urlsafe(48)
            try:
                connection.execute(insert(server_secrets).values(name="signing", value=value))
            except IntegrityError:  # another process made it first
                connection.rollback()
                return self._stored_secret()
            return value

    # --- accounts --------------------------------------------------------------

    def create_account(self, person_id: UUID, login: str, password_hash: str) -> None:
        with self.engine.begin() as connection:
            if connection.execute(select(accounts.c.login).where(accounts.c.person_id == str(person_id))).first():
                raise RuleViolation("Für diese Person gibt es bereits ein Konto.", code="account_exists")
            if connection.execute(select(accounts.c.person_id).where(accounts.c.login == login)).first():
                raise RuleViolation("Dieser Anmeldename ist bereits vergeben.", code="login_taken")
            connection.execute(_new_account(str(person_id), login, password_hash))

    def account_by_login(self, login: str) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.login == login.strip().lower())).first()
        return Account(UUID(row.person_id), row.login, row.password_hash) if row else None

    def account_of(self, person_id: UUID) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.person_id == str(person_id))).first()
        return Account(UUID(row.person_id), row.login, row.password_hash) if row else None

    def set_password_hash(self, person_id: UUID, password_hash: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(accounts).where(accounts.c.person_id == str(person_id)).values(password_hash=password_hash)
            )

    def delete_person(self, person_id: UUID) -> None:
        """Erasure: the account, its sessions, tokens and invitations go (from the files too, on SQLite)."""
        with self.engine.begin() as connection:
            for table in (accounts, sessions, api_tokens, invitations):
                connection.execute(delete(table).where(table.c.person_id == str(person_id)))
        checkpoint_after_erasure(self.engine)

    # --- sessions --------------------------------------------------------------

    def create_session(self, person_id: UUID, lifetime: timedelta) -> tuple[str, Session]:
        session_id = secrets.token_urlsafe(32)
        session = Session(person_id, secrets.token_urlsafe(24), now() + lifetime)
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.expires_at < now()))  # tidy up on the way
            connection.execute(
                insert(sessions).values(
                    id_hash=digest(session_id),
                    person_id=str(person_id),
                    csrf_token=session.csrf_token,
                    created_at=now(),
                    expires_at=session.expires_at,
                )
            )
        return session_id, session

    def session(self, session_id: str) -> Session | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(sessions).where(sessions.c.id_hash == digest(session_id))).first()
        if row is None or _aware(row.expires_at) < now():
            return None
        return Session(UUID(row.person_id), row.csrf_token, _aware(row.expires_at))

    def end_session(self, session_id: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.id_hash == digest(session_id)))

    # --- API tokens ------------------------------------------------------------

    def create_token(self, person_id: UUID, label: str = "") -> str:
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(
                insert(api_tokens).values(
                    token_hash=digest(token),
                    person_id=str(person_id),
                    label=label[:200],
                    created_at=now(),
                    revoked=False,
                )
            )
        return token

    def token_owner(self, token: str) -> UUID | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(api_tokens.c.person_id).where(api_tokens.c.token_hash == digest(token), ~api_tokens.c.revoked)
            ).first()
        return UUID(row.person_id) if row else None

    def revoke_token(self, token: str) -> bool:
        return self.revoke_token_id(digest(token))

    def revoke_token_id(self, token_id: str) -> bool:
        """Revoke a token by its id (the stored hash); False if there is none."""
        with self.engine.begin() as connection:
            result = connection.execute(
                update(api_tokens).where(api_tokens.c.token_hash == token_id).values(revoked=True)
            )
        return result.rowcount > 0

    def token_info(self, token_id: str) -> TokenInfo | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.token_hash == token_id)).first()
        return _token_info(row) if row else None

    def tokens_of(self, person_id: UUID) -> list[TokenInfo]:
        """A person's tokens, revoked ones included, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(api_tokens)
                .where(api_tokens.c.person_id == str(person_id))
                .order_by(api_tokens.c.created_at, api_tokens.c.token_hash)
            ).all()
        return [_token_info(row) for row in rows]

    def still_valid(self, keys: set[str]) -> set[str]:
        """Of the given credential keys (:func:`session_key`, :func:`token_key`), those still valid:
        a session not ended nor expired, a token not revoked (also when changed by another process)."""
        sessions_ = [k.removeprefix(SESSION_KEY) for k in keys if k.startswith(SESSION_KEY)]
        tokens = [k.removeprefix(TOKEN_KEY) for k in keys if k.startswith(TOKEN_KEY)]
        valid: set[str] = set()
        with self.engine.connect() as connection:
            if sessions_:
                rows = connection.execute(
                    select(sessions.c.id_hash, sessions.c.expires_at).where(sessions.c.id_hash.in_(sessions_))
                )
                valid |= {SESSION_KEY + row.id_hash for row in rows if _aware(row.expires_at) >= now()}
            if tokens:
                rows = connection.execute(
                    select(api_tokens.c.token_hash).where(api_tokens.c.token_hash.in_(tokens), ~api_tokens.c.revoked)
                )
                valid |= {TOKEN_KEY + row.token_hash for row in rows}
        return valid

    # --- invitations -----------------------------------------------------------

    def _sign(self, payload: str) -> str:
        mac = hmac.new(self.secret, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def create_invitation(self, person_id: UUID, created_by: UUID, lifetime: timedelta) -> tuple[str, Invitation]:
        """A signed, expiring, single-use link token for one person."""
        invitation = Invitation(uuid4(), person_id, now() + lifetime, None)
        with self.engine.begin() as connection:
            connection.execute(
                insert(invitations).values(
                    id=str(invitation.id),
                    person_id=str(person_id),
                    created_by=str(created_by),
                    created_at=now(),
                    expires_at=invitation.expires_at,
                )
            )
        payload = f"{invitation.id}.{int(invitation.expires_at.timestamp())}"
        return f"{payload}.{self._sign(payload)}", invitation

    def invitation(self, token: str) -> Invitation:
        """The invitation a link names; refused when forged, expired or used."""
        invitation_id, _, rest = token.partition(".")
        expires, _, signature = rest.partition(".")
        if not hmac.compare_digest(self._sign(f"{invitation_id}.{expires}"), signature):
            raise InvitationInvalid("Dieser Einladungslink ist ungültig.", code="invitation_invalid")
        with self.engine.connect() as connection:
            row = connection.execute(select(invitations).where(invitations.c.id == invitation_id)).first()
        if row is None:
            raise InvitationInvalid("Diese Einladung gibt es nicht mehr.", code="invitation_invalid")
        invitation = Invitation(
            UUID(row.id), UUID(row.person_id), _aware(row.expires_at), _aware(row.used_at) if row.used_at else None
        )
        if invitation.used_at is not None:
            raise InvitationRefused("Diese Einladung wurde bereits verwendet.", code="invitation_used")
        if invitation.expires_at < now():
            raise InvitationRefused(
                "Diese Einladung ist abgelaufen. Bitte um eine neue bitten.", code="invitation_expired"
            )
        return invitation

    def use_invitation(self, token: str, login: str, password_hash: str) -> UUID:
        """Marks the invitation used and creates the account, in one transaction: a link works once."""
        invitation = self.invitation(token)
        with self.engine.begin() as connection:
            used = connection.execute(
                update(invitations)
                .where(invitations.c.id == str(invitation.id), invitations.c.used_at.is_(None))
                .values(used_at=now())
            )
            if used.rowcount != 1:
                raise InvitationRefused("Diese Einladung wurde bereits verwendet.", code="invitation_used")
            person = str(invitation.person_id)
            if connection.execute(select(accounts.c.login).where(accounts.c.person_id == person)).first():
                connection.execute(
                    update(accounts).where(accounts.c.person_id == person).values(password_hash=password_hash)
                )
            else:
                if connection.execute(select(accounts.c.person_id).where(accounts.c.login == login)).first():
                    raise RuleViolation("Dieser Anmeldename ist bereits vergeben.", code="login_taken")
                connection.execute(_new_account(person, login, password_hash))
        return invitation.person_id
