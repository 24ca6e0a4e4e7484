"""jobtui: browse, search and shortlist job postings from the terminal."""

__version__ = "0.1.0"


def console() -> int:
    """The `jobtui` command. Ctrl+C pressed while it starts (importing takes a moment) quits
    quietly with status 130, as it does later, never with a traceback."""
    try:
        from jobtui.cli import main
    except KeyboardInterrupt:
        return 130
    return main()
