"""Claim extraction: attribution, modality, quantities, dates, document flags."""
