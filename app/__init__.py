"""SilverSteps (银龄数字课堂): a kiosk where older people practise smartphone services."""

__version__ = "0.1.0"
