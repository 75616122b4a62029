"""Who may do what with the dictionary and the standards. Rows are narrowed by the selectors (national rows +
the user's own agency); these say which actions a role may attempt at all: everyone of an agency reads,
only the BKPSDM admin changes (dictionary, technical competencies, defaults, standards, career path)."""

import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin

rules.add_perm("competencies.view_competency", has_agency)
rules.add_perm("competencies.change_competency", has_agency & is_bkpsdm_admin)
rules.add_perm("competencies.view_standard", has_agency)
rules.add_perm("competencies.change_standard", has_agency & is_bkpsdm_admin)
rules.add_perm("competencies.view_standarddefault", has_agency)
rules.add_perm("competencies.change_standarddefault", has_agency & is_bkpsdm_admin)
rules.add_perm("competencies.change_career", has_agency & is_bkpsdm_admin)
