"""Entities: one person or body under all its names."""
