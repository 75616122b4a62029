"""Permissions of the SIASN connector. BKPSDM admins pull, push and edit the mapping; an OPD HR officer sees the
outbox of their units and sends their records again (rows narrowed by accounts.scoping.for_user)."""

import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin, is_hr_officer

rules.add_perm("siasn.view_outbox", has_agency & (is_bkpsdm_admin | is_hr_officer))
rules.add_perm("siasn.send", has_agency & (is_bkpsdm_admin | is_hr_officer))
rules.add_perm("siasn.push_all", has_agency & is_bkpsdm_admin)
rules.add_perm("siasn.pull", has_agency & is_bkpsdm_admin)
rules.add_perm("siasn.manage_mapping", has_agency & is_bkpsdm_admin)
