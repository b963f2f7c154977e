"""The Telegram channel: a webhook for Telegram's Bot API, with its own small client (no call per update)."""
