"""Areas, organisations, people, boards, missions, roles and the audit trail."""
