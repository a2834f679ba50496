"""Remit's page shell: GOV.UK Frontend templates, form rendering and display helpers."""
