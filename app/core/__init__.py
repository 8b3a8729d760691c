"""The domain: lessons, the lesson engine and progress rules. Pure Python, no I/O but files."""
