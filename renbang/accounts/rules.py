import rules

from .predicates import is_bkpsdm_admin

rules.add_perm("accounts.manage_users", is_bkpsdm_admin)
rules.add_perm("accounts.manage_roles", is_bkpsdm_admin)
rules.add_perm("accounts.view_audit", is_bkpsdm_admin)
