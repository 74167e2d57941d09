"""The issue forms: their definitions, the files GitHub reads, and a filled-in form turned into a
data file or a Norwegian comment."""
