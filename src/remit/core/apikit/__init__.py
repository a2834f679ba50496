"""What every app's API router is built from.

Token auth, typed inputs, pages, versions and problem responses live in core so that
every app can use them without importing the assembled API above it.
"""
