"""The public, read-only site: what has been published, no sign-in."""
