"""The tracker page: its model and forms (`forms`), the table and its editors (`table`), the
checked import of a spreadsheet (`importing`), and the fields they share (`fields`)."""
