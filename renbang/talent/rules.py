"""Who may do what in talent and succession; rows are still narrowed by accounts.scoping.for_user.

- Retirement outlook: staff who see people (BKPSDM admin, PPK/head, OPD HR officer, supervisors) — rows scoped.
- Talent box (sensitive, PermenPANRB 3/2020): BKPSDM admin and PPK for the agency, OPD HR officers for their
  units, supervisors for their own subordinates only (direct and indirect; never themselves, never people shown
  to them by other grants such as mentees). The employee does not see the box (a committee instrument; they
  see their performance and competency results elsewhere); peers never.
- Key positions, succession groups, settings: BKPSDM admin changes; PPK (head) reads (the succession plan is
  set for the PPK).
"""

import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin, is_head, is_hr_officer, is_supervisor, sees_staff

rules.add_perm("talent.view_outlook", has_agency & sees_staff)
rules.add_perm("talent.view_box", has_agency & (is_bkpsdm_admin | is_head | is_hr_officer | is_supervisor))
rules.add_perm("talent.view_succession", has_agency & (is_bkpsdm_admin | is_head))
rules.add_perm("talent.change_succession", has_agency & is_bkpsdm_admin)
rules.add_perm("talent.view_settings", has_agency & (is_bkpsdm_admin | is_head))
rules.add_perm("talent.change_settings", has_agency & is_bkpsdm_admin)
