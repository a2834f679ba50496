"""Formats Remit accepts beyond Django's own for its locale (`FORMAT_MODULE_PATH`)."""
