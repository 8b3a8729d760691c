"""The kiosk's screens, one module each; the window moves between them."""
