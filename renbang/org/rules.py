import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin

rules.add_perm("org.view_orgunit", has_agency)
rules.add_perm("org.change_orgunit", is_bkpsdm_admin)
rules.add_perm("org.view_position", has_agency)
rules.add_perm("org.change_position", is_bkpsdm_admin)
