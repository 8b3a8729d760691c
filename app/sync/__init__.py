"""Sending the kiosk's outbox to the centre server."""
