"""Region packs: a region's areas, bodies, people, boards, routes and funds, kept as data.

Nothing about a particular region lives in code; a pack is a YAML file validated against the
published JSON Schema in ``schema.json`` and checked for internal consistency by ``pack``.
"""
