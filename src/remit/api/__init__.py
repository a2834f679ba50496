"""The HTTP API: one Ninja router per app, assembled here, with one error format."""
