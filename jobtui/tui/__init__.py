"""The Textual face: the app, its screens and widgets, and the command palette.

The only package that imports Textual; it calls the core and holds no domain logic."""
