"""Stage 0, what every stage shares: the locale strings (:mod:`.i18n`), the errors and problems
every stage reports (:mod:`.errors`), and the site's options (:mod:`.options`)."""
