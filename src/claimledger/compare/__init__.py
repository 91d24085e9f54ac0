"""Cross-source comparison: propositions, relations, figures, timeline, coverage."""
