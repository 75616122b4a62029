import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin, is_head, is_hr_officer

# Reference data: everyone in the agency reads the catalogue; BKPSDM admins change it (PP 11/2017 Pasal 207: the
# plan is drawn up by the PyB, here BKPSDM).
rules.add_perm("catalog.view_catalog", has_agency)
rules.add_perm("catalog.change_catalog", has_agency & is_bkpsdm_admin)
rules.add_perm("catalog.use_suggestions", has_agency & (is_bkpsdm_admin | is_hr_officer | is_head))
rules.add_perm("catalog.change_rules", has_agency & is_bkpsdm_admin)
