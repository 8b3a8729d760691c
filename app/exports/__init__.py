"""Exports for the centre's records and the learners' lifelong-learning accounts: attendance as
CSV, XLSX and a large-print PDF sign-in sheet, completions as CSV and xAPI JSON, and signed
PDF certificates with a QR code the centre verifies.

Every writer takes an iterable of plain row records (`app.exports.records`), so 100,000 rows
stream through without being held in memory, reports progress through a callback
(`app.exports.progress`), and writes through `app.exports.atomic`, so a crash or a cancelled
export never leaves half a file. Each writer is its own module and imports only the library
it needs: a CSV export never loads openpyxl or the PDF library.
"""
