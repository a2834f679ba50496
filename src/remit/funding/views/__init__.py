"""The fund's pages, by topic; each view parses the request, calls one service or selector and
renders. A `DomainError` becomes a form error naming the field; a refusal renders its reason."""
