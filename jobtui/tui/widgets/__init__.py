"""Widgets of the jobtui face."""
