"""The kiosk's application layer: what the screens ask, without Qt (docs/development.md)."""
