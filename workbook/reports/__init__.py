"""Saying what the analysis found: words and sentences (`words`), the text report and its tables
(`text`), the charts (`charts`, with matplotlib) and the standalone HTML page (`page`)."""
