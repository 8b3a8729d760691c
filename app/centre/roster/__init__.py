"""The centre's roster of learners and its fold of lesson attempts: what lets a learner sign
in and carry on on any kiosk of their centre."""
