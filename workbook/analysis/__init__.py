"""Counting what the tracker shows: estimates from counts (`estimates`), the report in SQLite
(`aggregates`) and in pandas (`frames`, the reference), the made-up sample (`sample`), exploring
it (`explore`), and pooling a group's anonymous shared files (`share`, `cohort`)."""
