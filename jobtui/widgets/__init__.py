"""Textual widgets of the jobtui face."""
