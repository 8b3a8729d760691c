"""The kiosk program: screens, the phone simulator, theme and kiosk behaviour (PySide6)."""
