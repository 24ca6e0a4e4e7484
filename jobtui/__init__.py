"""jobtui: browse, search and shortlist job postings from the terminal."""

__version__ = "0.1.0"
