import rules

from renbang.accounts.predicates import has_agency, is_bkpsdm_admin, sees_staff

# Rows are narrowed by scoping.for_user; these say which actions a role may attempt at all.
rules.add_perm("people.list_employees", has_agency & sees_staff)
rules.add_perm("people.view_employee", has_agency)
rules.add_perm("people.change_employee", is_bkpsdm_admin)
rules.add_perm("people.import_employees", is_bkpsdm_admin)
rules.add_perm("people.export_employees", has_agency & sees_staff)
