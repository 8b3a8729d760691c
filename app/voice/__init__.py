"""Speech: the Speaker interface and its engines, always off the GUI thread."""
