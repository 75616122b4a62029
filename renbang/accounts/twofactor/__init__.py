"""Two-factor verification (django-otp): a TOTP device per user plus static recovery codes.

Enforced for the admin roles (BKPSDM admin, PPK) while `RENBANG["ADMIN_2FA_REQUIRED"]` is on (the default) and the
user is not `otp_exempt` (the demo accounts); anyone who has enrolled a device must verify it at every login. The
middleware sends a logged-in but unverified user to enrolment or verification on every page and every API request
made with the session; API token requests are not asked for a code (the token is shown only on the profile page,
which itself needs a verified session).
"""
