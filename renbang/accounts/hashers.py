"""Password hashing: Argon2id with the parameters of OWASP's Password Storage Cheat Sheet.

OWASP's first choice is Argon2id with at least 19 MiB of memory, 2 iterations and 1 degree of parallelism. Django's
own Argon2 hasher asks 100 MiB and 8 lanes: ~0.4 s of a slow core and 100 MiB per login being checked. These
parameters cost tens of milliseconds. PBKDF2 hashes (and Argon2 hashes with other parameters) are rewritten with
these at the user's next successful login (Django upgrades a hash whose hasher is not the first, or whose
parameters differ).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id (Django's Argon2 hasher is the id variant), m = 19 MiB, t = 2, p = 1 (OWASP)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
