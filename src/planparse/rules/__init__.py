"""Rule tables: the genre's vocabulary as data, one module per table, no logic."""
