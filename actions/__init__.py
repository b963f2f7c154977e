"""Custom actions of the Familiennavi assistant (rasa-sdk), run by the action server on port 5055."""
