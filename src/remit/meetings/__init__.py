"""Boards at work: meetings, agendas, report papers, declarations, decisions, minutes and packs."""
