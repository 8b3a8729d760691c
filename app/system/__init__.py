"""What the operating system gives, with the same meaning on Debian-based Linux and on Windows:
whether a process still runs, a file lock, a listening socket's options. Each module names what
it does where the platforms differ. Imports nothing of `app`, so every layer may use it."""
