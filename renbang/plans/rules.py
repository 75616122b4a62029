"""Who may attempt what in planning; which rows they see is decided by scoping.for_user.

PP 11/2017 Pasal 207: the plan is drawn up by the PyB (BKPSDM) and set (ditetapkan) by the PPK.
"""

import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin, is_head, is_hr_officer, sees_staff

planners = is_bkpsdm_admin | is_head | is_hr_officer

rules.add_perm("plans.view_plans", has_agency & planners)
rules.add_perm("plans.manage_scenarios", has_agency & is_bkpsdm_admin)
rules.add_perm("plans.edit_plan", has_agency & is_bkpsdm_admin)
rules.add_perm("plans.submit_plan", has_agency & is_bkpsdm_admin)
rules.add_perm("plans.approve_plan", has_agency & is_head)
rules.add_perm("plans.export_plan", has_agency & planners)
rules.add_perm("plans.view_idp", has_agency & (has_employee | sees_staff))
rules.add_perm("plans.comment_idp", has_agency & (has_employee | sees_staff))
