import rules

from .predicates import is_bkpsdm_admin, is_hr_officer

rules.add_perm("accounts.manage_users", is_bkpsdm_admin)
rules.add_perm("accounts.manage_roles", is_bkpsdm_admin)
rules.add_perm("accounts.view_audit", is_bkpsdm_admin)
#: The "Akun pegawai" page, account creation and activation (letters, e-mails): BKPSDM for the agency, an OPD
#: officer for their units (which employees: scoping.for_user).
rules.add_perm("accounts.manage_accounts", is_bkpsdm_admin | is_hr_officer)
