"""Staff tokens (offers API) and staff accounts (staff page), for the people who run the API.

python -m api.cli tokens create --jugendamt dortmund --label "Familienbüro Nord, Frau A."
python -m api.cli tokens list
python -m api.cli tokens revoke 7
python -m api.cli staff create --jugendamt dortmund --email a@example.org --password-stdin [--role admin]
python -m api.cli staff list [--jugendamt dortmund]
python -m api.cli staff disable --email a@example.org
"""

from __future__ import annotations

import argparse
import sys

from api.clock import system_clock
from api.db import get_engine, session_scope
from api.errors import AppError, InvalidInput, NotFound
from api.migrations_runner import upgrade_database
from api.services import accounts, staff
from api.settings import get_settings

# Exit codes: 1 for a refused request (unknown Jugendamt or account, e-mail taken), 2 for a bad argument.
EXIT_REFUSED = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m api.cli", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    tokens = commands.add_parser("tokens", help="staff bearer tokens").add_subparsers(dest="action", required=True)
    create = tokens.add_parser("create", help="create a token for one Jugendamt; it is shown once")
    create.add_argument("--jugendamt", required=True, help="Jugendamt id, e.g. dortmund or kreis-borken")
    create.add_argument("--label", required=True, help="who holds it, for the change record")
    tokens.add_parser("list", help="list tokens (never the tokens themselves)")
    revoke = tokens.add_parser("revoke", help="revoke a token by its number")
    revoke.add_argument("token_id", type=int)

    members = commands.add_parser("staff", help="staff page accounts").add_subparsers(dest="action", required=True)
    add = members.add_parser("create", help="create an account; the password is read from standard input")
    add.add_argument("--jugendamt", required=True, help="Jugendamt id, e.g. dortmund or kreis-borken")
    add.add_argument("--email", required=True)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help=f"read the password (one line, at least {accounts.MIN_PASSWORD_LENGTH} characters) from standard input",
    )
    add.add_argument("--role", choices=accounts.ROLES, default="staff", help="admin: manages the Jugendamt's accounts")
    listing = members.add_parser("list", help="list accounts (never passwords)")
    listing.add_argument("--jugendamt", help="only this Jugendamt")
    disable = members.add_parser("disable", help="disable an account; its sessions end at once")
    disable.add_argument("--email", required=True)
    return parser


def _tokens(args: argparse.Namespace) -> int:
    pepper = get_settings().token_pepper
    with session_scope() as session:
        if args.action == "create":
            record, token = staff.create_token(session, args.jugendamt, args.label, pepper)
            print(f"Token {record.id} for {record.jugendamt_id} ({record.label}). Shown only now:\n{token}")
        elif args.action == "list":
            for record in staff.list_tokens(session):
                state = f"revoked {record.revoked_at:%Y-%m-%d}" if record.revoked_at else "active"
                print(f"{record.id:>4}  {record.jugendamt_id:<30} {state:<18} {record.label}")
        elif args.action == "revoke":
            if not staff.revoke_token(session, args.token_id):
                print(f"No active token {args.token_id}.", file=sys.stderr)
                return EXIT_REFUSED
            print(f"Token {args.token_id} revoked.")
    return 0


def _read_password() -> str:
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _staff(args: argparse.Namespace) -> int:
    now = system_clock()
    with session_scope() as session:
        if args.action == "create":
            account = accounts.create_account(session, args.jugendamt, args.email, args.password, args.role, now)
            print(f"Account {account.email} ({account.role}) created for {account.jugendamt_id}.")
        elif args.action == "list":
            for account in accounts.list_accounts(session, args.jugendamt):
                state = "disabled" if account.disabled_at else "active"
                last = f"last login {account.last_login_at:%Y-%m-%d}" if account.last_login_at else "never logged in"
                print(f"{account.jugendamt_id:<30} {account.role:<6} {state:<9} {last:<26} {account.email}")
        elif args.action == "disable":
            found = accounts.account_by_email(session, args.email)
            if found is None:
                print("No account with this e-mail address.", file=sys.stderr)
                return EXIT_REFUSED
            accounts.disable_account(session, found, now)
            print(f"Account {found.email} disabled.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "staff" and args.action == "create":
        # Read before anything else, and checked here: a short password is a usage error, the database untouched.
        args.password = _read_password()
        if len(args.password) < accounts.MIN_PASSWORD_LENGTH:
            print(f"The password is too short: at least {accounts.MIN_PASSWORD_LENGTH} characters.", file=sys.stderr)
            return EXIT_USAGE
    upgrade_database(get_engine())
    try:
        return _tokens(args) if args.command == "tokens" else _staff(args)
    except NotFound as error:
        print(error.detail_en, file=sys.stderr)
        return EXIT_REFUSED
    except InvalidInput as error:
        print(error.detail_en, file=sys.stderr)
        return EXIT_USAGE
    except AppError as error:
        print(error.detail_en, file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
