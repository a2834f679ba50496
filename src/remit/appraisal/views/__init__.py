"""Business case pages for signed-in users: the case, its five sections, the grid of flows,
uploads, the appraisal's history, the board's decision and the exports.

Views parse the request, call one service or selector and render; a `DomainError` becomes a
form error naming the field or cell, a refusal renders the reason with status 403.
"""
