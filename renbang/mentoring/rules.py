import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin

rules.add_perm("mentoring.view_mentoring", has_agency)
rules.add_perm("mentoring.manage", has_agency & is_bkpsdm_admin)
# Writing a log or feedback is checked per pair in services (the mentor or mentee of that pair, or BKPSDM).
rules.add_perm("mentoring.write_log", has_agency & (has_employee | is_bkpsdm_admin))
