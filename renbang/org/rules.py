import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin

rules.add_perm("org.view_orgunit", has_agency)
rules.add_perm("org.change_orgunit", is_bkpsdm_admin)
rules.add_perm("org.view_position", has_agency)
rules.add_perm("org.change_position", is_bkpsdm_admin)

#: First-run setup: only the person who installed Renbang (a superuser), only while no agency exists (the view
#: checks that); afterwards the BKPSDM admin edits the profile and follows the go-live checklist.
rules.add_perm("org.setup_agency", rules.is_superuser)
rules.add_perm("org.change_agency", has_agency & is_bkpsdm_admin)
rules.add_perm("org.view_golive", has_agency & is_bkpsdm_admin)
rules.add_perm("org.view_agency_logo", has_agency)
