"""The registry's pages: organisations, people, boards, areas and missions, kept signed in."""
