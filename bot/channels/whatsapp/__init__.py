"""WhatsApp through Twilio: the input channel (`channel.py`), the Messages API client (`client.py`) and the
rendering of bot messages as WhatsApp text with numbered choices (`render.py`)."""
