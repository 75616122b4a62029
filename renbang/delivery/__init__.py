"""Sessions, calendar, enrolment, attendance, the JP ledger and certificates."""
