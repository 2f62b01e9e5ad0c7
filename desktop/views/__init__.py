"""The window's views: one module per page."""
