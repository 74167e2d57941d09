"""Stage 5, writing a site: files and pages on disk, pages filled into a theme prototype, the
sitemap, the search index, the content policy, and the work shared between processes."""
