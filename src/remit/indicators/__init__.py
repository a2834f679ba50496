"""Indicators: the police.uk crime store and the measures built on it."""
