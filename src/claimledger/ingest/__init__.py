"""Ingestion: turn files, folders, URLs and feeds into clean stored documents."""
