"""Remit: open governance for combined authorities and police and crime commissioners."""
