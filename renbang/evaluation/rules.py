"""Permissions of evaluation. Row visibility is decided by accounts.scoping.for_user; results are aggregates only
(no respondent is ever named) and hidden below the agency's anonymity floor."""

import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin, is_head, is_hr_officer, is_supervisor

# A participant gives feedback on their own sessions (services check the enrolment and attendance).
rules.add_perm("evaluation.give_feedback", has_agency & has_employee)
# Aggregated, anonymous results and effectiveness: BKPSDM, the PPK and the OPD HR officers who plan.
rules.add_perm("evaluation.view_results", has_agency & (is_bkpsdm_admin | is_head | is_hr_officer))
# Settings, test scores, reminders and review decisions: BKPSDM (the PyB, PP 11/2017 Pasal 207).
rules.add_perm("evaluation.manage", has_agency & is_bkpsdm_admin)
# The supervisor's post-training follow-up (L3).
rules.add_perm("evaluation.follow_up", has_agency & (is_supervisor | is_bkpsdm_admin))
