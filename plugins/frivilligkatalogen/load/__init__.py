"""Stage 1, reading: YAML into located nodes (:mod:`.yaml_source`), the kinds of value and their
rules (:mod:`.kinds`), and records read field by field against their dataclasses
(:mod:`.records`)."""
