"""Who may attempt what in the needs analysis; which rows they see is decided by scoping.for_user."""

import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin, is_hr_officer, sees_staff

rules.add_perm("needs.use", has_agency & (has_employee | sees_staff))
rules.add_perm("needs.manage_campaigns", has_agency & is_bkpsdm_admin)
rules.add_perm("needs.view_campaigns", has_agency & sees_staff)
rules.add_perm("needs.fill_assessments", has_agency & has_employee)
rules.add_perm("needs.view_results", has_agency & sees_staff)
rules.add_perm("needs.view_profile", has_agency & (has_employee | sees_staff))
rules.add_perm("needs.export_results", has_agency & sees_staff)
rules.add_perm("needs.import_assessments", has_agency & is_bkpsdm_admin)
rules.add_perm("needs.change_weights", has_agency & is_bkpsdm_admin)
rules.add_perm("needs.view_focus_groups", has_agency & sees_staff)
rules.add_perm("needs.manage_focus_groups", has_agency & (is_bkpsdm_admin | is_hr_officer))
rules.add_perm("needs.manage_surveys", has_agency & is_bkpsdm_admin)
rules.add_perm("needs.answer_surveys", has_agency & has_employee)
