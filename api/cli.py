"""Staff token administration for the people who run the API.

python -m api.cli tokens create --jugendamt dortmund --label "Familienbüro Nord, Frau A."
python -m api.cli tokens list
python -m api.cli tokens revoke 7
"""

from __future__ import annotations

import argparse
import sys

from api.db import get_engine, session_scope
from api.migrations_runner import upgrade_database
from api.services import staff
from api.settings import get_settings


def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)

    upgrade_database(get_engine())
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
                return 1
            print(f"Token {args.token_id} revoked.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
