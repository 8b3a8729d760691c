"""The community learning centre server: an xAPI Statements resource and the centre's API."""
