"""Stage 4, views of a valid catalogue: addresses, wording, pages, calendars, open data, embeds,
RSS and the other files the site publishes, each made from the catalogue and nothing else."""
