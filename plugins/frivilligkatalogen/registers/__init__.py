"""Enhetsregisteret and Frivillighetsregisteret: reading their answers, readable values, draft
data files, and comparing the catalogue with the register."""
