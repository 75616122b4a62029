"""Who may open the cycle's pages; which rows they see is decided by scoping.for_user.

PPK (head) and BKPSDM read the whole agency; an OPD officer their unit subtree; a supervisor their staff; an
employee only themself (PP 11/2017 Pasal 207: the PyB plans, the PPK sets and oversees).
"""

import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin, is_head, is_hr_officer, sees_staff

rules.add_perm("cycle.view_my_development", has_agency & has_employee)
rules.add_perm("cycle.view_dashboard", has_agency & sees_staff)
rules.add_perm("cycle.view_years", has_agency & (is_bkpsdm_admin | is_head | is_hr_officer))
rules.add_perm("cycle.close_year", has_agency & is_bkpsdm_admin)
rules.add_perm("cycle.export_history", has_agency & (has_employee | sees_staff))
rules.add_perm("cycle.export_bulk_history", has_agency & sees_staff)
rules.add_perm("cycle.view_agency_report", has_agency & (is_bkpsdm_admin | is_head))
