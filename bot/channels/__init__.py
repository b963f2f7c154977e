"""The channels of the Rasa server, one package each, every one with its own renderer:

- `widget`: the parents' web widget (input channel, assets, JSON contract of the design);
- `telegram`: Telegram Bot API webhook;
- `whatsapp`: WhatsApp through Twilio.

Actions build channel-neutral messages (`vocabulary.messages`); `plain_text` turns their payloads into text for
the messengers; `conversations` holds what every channel needs of the tracker store (delete, pseudonymous ids).
"""
