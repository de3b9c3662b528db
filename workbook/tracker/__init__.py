"""The tracker: the SQLite store of applications, interviews and contacts (`store`), and the link
between a plan's steps and the contacts they become (`planlink`)."""
