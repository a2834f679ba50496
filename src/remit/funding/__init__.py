"""The community safety fund: allocation formula, scenarios and bid packages."""
