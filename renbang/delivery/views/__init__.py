"""Pages of delivery, by role: calendar and sessions (everyone reads, BKPSDM changes), facilitator (attendance),
employee (schedule, JP, claims, certificates), supervisor (staff), OPD officer/BKPSDM (compliance, claims)."""
