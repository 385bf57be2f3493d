"""Reading: YAML files (sets and house-style layouts) and logos in; validated `CardSet`,
`Layout` and `Logo` values out, or a `CardkitError` naming the file, the key and what was
expected."""
