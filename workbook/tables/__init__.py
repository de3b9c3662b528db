"""Tables in and out of the tracker: the canonical CSV (`canonical_csv`), the spreadsheets people
already keep (`spreadsheet`, `applications`), the dry run of an import (`import_check`), and the
work-search log (`work_search`)."""
