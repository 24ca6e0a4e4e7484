"""Modal screens of the jobtui face."""
