"""The staff page's JSON API: login, the intake, referrals, anonymous counts and the Jugendamt's accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.clock import as_utc
from api.db import writing_session
from api.deps import (
    HttpDep,
    IndexDep,
    LanguageDep,
    NowDep,
    SessionMakerDep,
    SettingsDep,
    StaffSessionDep,
    StaffWriterDep,
    WritingSessionDep,
    same_origin,
)
from api.errors import (
    Conflict,
    CsrfRejected,
    Forbidden,
    InvalidInput,
    Locked,
    NotAuthenticated,
    NotFound,
    ServiceUnavailable,
    responses,
)
from api.models import StaffAccount, StaffSession
from api.repositories import referrals as referrals_repo
from api.schemas.staff import (
    AccountBrief,
    AccountIn,
    AccountList,
    AccountOut,
    IntakeMessageIn,
    IntakeReply,
    JugendamtBrief,
    LoginIn,
    ReferralDetail,
    ReferralIn,
    ReferralList,
    ReferralPatch,
    ReferralStatus,
    SessionOut,
    TextsOut,
)
from api.services import accounts, intake, referrals
from api.settings import Settings
from vocabulary.texts import direction, with_prefix

router = APIRouter(prefix="/staff/api", tags=["staff page"])

# The texts the staff page shows: its own, the Laufzettel's and the names of what the bot's payloads carry.
PAGE_TEXT_PREFIXES = (
    "staff.page.",
    "laufzettel.",
    "category.",
    "card.",
    "emergency.",
    "emergency_number.",
    "language.",
    "life_phase.",
    "need.",
)
# The cookie goes without Secure only where a browser talks plain HTTP to this machine.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

ReferralId = Annotated[str, Path(max_length=36, description="The referral's id (a UUID)")]
AccountId = Annotated[str, Path(max_length=36, description="The account's id (a UUID)")]
READ = responses(NotAuthenticated)
WRITE = responses(NotAuthenticated, CsrfRejected)


def _session_out(staff: StaffSession, settings: Settings) -> SessionOut:
    account = staff.account
    return SessionOut(
        csrf_token=staff.csrf_token,
        retention_days=settings.referral_retention_days,
        account=AccountBrief(
            email=account.email,
            role=account.role,
            jugendamt=JugendamtBrief(id=account.jugendamt.id, name=account.jugendamt.name),
        ),
    )


def _account_out(account: StaffAccount, now_locked: bool) -> AccountOut:
    return AccountOut(
        id=account.id,
        email=account.email,
        role=account.role,
        jugendamt_id=account.jugendamt_id,
        created_at=as_utc(account.created_at),
        last_login_at=as_utc(account.last_login_at) if account.last_login_at else None,
        disabled_at=as_utc(account.disabled_at) if account.disabled_at else None,
        locked=now_locked,
    )


def _is_locked(account: StaffAccount, now: datetime) -> bool:
    return account.locked_until is not None and as_utc(account.locked_until) > now


@router.get("/texts")
def page_texts(language: LanguageDep) -> TextsOut:
    """The texts of the staff page and the Laufzettel in one language (`lang`, else Accept-Language, else German;
    German where a text is not translated)."""
    texts = {key: value for key, value in with_prefix("", language).items() if key.startswith(PAGE_TEXT_PREFIXES)}
    return TextsOut(language=language, direction=direction(language), texts=texts)


@router.post("/login", responses=responses(NotAuthenticated, Forbidden, Locked))
def log_in(
    request: Request, response: Response, session: WritingSessionDep, settings: SettingsDep, now: NowDep, body: LoginIn
) -> SessionOut:
    """Log in with e-mail and password; sets the session cookie. Wrong e-mail or password: the same 401."""
    if not same_origin(request):
        raise Forbidden("api.staff.other_origin")
    try:
        login = accounts.log_in(session, body.email, body.password, settings, now)
    except (NotAuthenticated, Locked):
        # The failed attempt counts (and may start the lock-out).
        session.commit()
        raise
    session.commit()
    response.set_cookie(
        accounts.SESSION_COOKIE,
        login.token,
        httponly=True,
        samesite="strict",
        path="/staff",
        secure=request.url.hostname not in LOCAL_HOSTS,
    )
    return _session_out(login.session, settings)


@router.get("/session", responses=READ)
def current_session(staff: StaffSessionDep, settings: SettingsDep) -> SessionOut:
    """The logged-in staff member and the CSRF token, or 401."""
    return _session_out(staff, settings)


@router.post("/logout", status_code=204, response_class=Response, responses=WRITE)
def log_out(request: Request, session: WritingSessionDep, staff: StaffWriterDep) -> Response:
    """End the session: it is deleted and the cookie cleared."""
    accounts.log_out(session, staff)
    session.commit()
    response = Response(status_code=204)
    response.delete_cookie(
        accounts.SESSION_COOKIE,
        path="/staff",
        httponly=True,
        samesite="strict",
        secure=request.url.hostname not in LOCAL_HOSTS,
    )
    return response


@router.post("/intake/messages", responses={**WRITE, **responses(ServiceUnavailable)})
async def intake_message(
    body: IntakeMessageIn,
    staff: StaffWriterDep,
    settings: SettingsDep,
    client: HttpDep,
    sessions: SessionMakerDep,
    index: IndexDep,
    now: NowDep,
) -> IntakeReply:
    """One message of the intake to the assistant; its replies as the staff channel gives them."""
    sender = intake.sender_id(body.intake_id, settings.intake_sender_secret)
    messages = await intake.send_message(client, settings, sender, body.text)
    payloads = intake.offers_payloads(messages)
    if payloads:
        jugendamt_id = staff.account.jugendamt_id

        def count() -> None:
            with writing_session(sessions) as session:
                for payload in payloads:
                    intake.count_offers(session, payload, jugendamt_id, index, now)
                session.commit()

        await run_in_threadpool(count)
    return IntakeReply(messages=messages)


# ":uuid": only a UUID matches, so DELETE /intake/messages is a 405 of that route, not an intake named "messages".
@router.delete(
    "/intake/{intake_id:uuid}",
    status_code=204,
    response_class=Response,
    responses={**WRITE, **responses(NotFound, ServiceUnavailable)},
)
async def forget_intake(intake_id: UUID, staff: StaffWriterDep, settings: SettingsDep, client: HttpDep) -> Response:
    """Forget the intake's conversation in the assistant (new intake, or logout)."""
    await intake.forget(client, settings, intake.sender_id(intake_id, settings.intake_sender_secret))
    return Response(status_code=204)


@router.post("/referrals", status_code=201, responses={**WRITE, **responses(InvalidInput)})
def create_referral(
    session: WritingSessionDep, settings: SettingsDep, now: NowDep, staff: StaffWriterDep, body: ReferralIn
) -> ReferralDetail:
    """A call-back or home-visit request, only with the family's consent. It belongs to your Jugendamt."""
    referral = referrals.create_referral(session, body, staff.account, settings.referral_retention_days, now)
    session.commit()
    return referrals.to_detail(referral)


@router.get("/referrals", responses=READ)
def list_referrals(
    session: WritingSessionDep,
    now: NowDep,
    staff: StaffSessionDep,
    status: Annotated[ReferralStatus | None, Query(description="only this status; without: all")] = None,
) -> ReferralList:
    """Your Jugendamt's referrals, newest first."""
    found = referrals.list_referrals(session, staff.account.jugendamt_id, now, status)
    return ReferralList(referrals=[referrals.to_out(referral) for referral in found])


@router.get("/referrals/{referral_id}", responses={**READ, **responses(Forbidden, NotFound)})
def get_referral(
    session: WritingSessionDep, now: NowDep, staff: StaffSessionDep, referral_id: ReferralId
) -> ReferralDetail:
    """One referral with its audit trail. Another Jugendamt's: 403."""
    referral = referrals.referral_of_jugendamt(session, referral_id, staff.account.jugendamt_id, now)
    return referrals.to_detail(referral)


@router.patch("/referrals/{referral_id}", responses={**WRITE, **responses(Forbidden, NotFound)})
def update_referral(
    session: WritingSessionDep, now: NowDep, staff: StaffWriterDep, referral_id: ReferralId, body: ReferralPatch
) -> ReferralDetail:
    """Change the status (offen, in_arbeit, erledigt); recorded in the audit trail."""
    referral = referrals.referral_of_jugendamt(session, referral_id, staff.account.jugendamt_id, now)
    referrals.set_status(referral, body.status, staff.account, now)
    session.commit()
    return referrals.to_detail(referral)


@router.get(
    "/statistics.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "the counts"}, **READ},
)
def statistics(session: WritingSessionDep, index: IndexDep, staff: StaffSessionDep) -> Response:
    """Anonymous intake counts of your Jugendamt (month × municipality × need), for youth-welfare planning."""
    jugendamt_id = staff.account.jugendamt_id
    body = intake.statistics_csv(referrals_repo.intake_counts(session, jugendamt_id), index)
    return Response(
        content=body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="statistik-{jugendamt_id}.csv"'},
    )


@router.get("/accounts", responses={**READ, **responses(Forbidden)})
def list_accounts(session: WritingSessionDep, now: NowDep, staff: StaffSessionDep) -> AccountList:
    """Admins: the accounts of your Jugendamt."""
    admin = accounts.require_admin(staff)
    found = accounts.list_accounts(session, admin.jugendamt_id)
    return AccountList(accounts=[_account_out(account, _is_locked(account, now)) for account in found])


@router.post("/accounts", status_code=201, responses={**WRITE, **responses(Forbidden, InvalidInput, Conflict)})
def create_account(session: WritingSessionDep, now: NowDep, staff: StaffWriterDep, body: AccountIn) -> AccountOut:
    """Admins: a new account of your Jugendamt (password at least 12 characters)."""
    admin = accounts.require_admin(staff)
    account = accounts.create_account(session, admin.jugendamt_id, body.email, body.password, body.role, now)
    session.commit()
    return _account_out(account, False)


@router.post("/accounts/{account_id}/disable", responses={**WRITE, **responses(Forbidden, NotFound, InvalidInput)})
def disable_account(
    session: WritingSessionDep, now: NowDep, staff: StaffWriterDep, account_id: AccountId
) -> AccountOut:
    """Admins: disable an account of your Jugendamt; its sessions end at once."""
    admin = accounts.require_admin(staff)
    account = accounts.account_of_jugendamt(session, account_id, admin.jugendamt_id)
    if account.id == admin.id:
        raise InvalidInput("api.staff.account_self")
    accounts.disable_account(session, account, now)
    session.commit()
    return _account_out(account, _is_locked(account, now))
