"""The cache is shared by every process of an installation (Redis), so rate limits and cached figures agree."""

import os
import subprocess
import sys
import uuid

from django.conf import settings

SCRIPT = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "renbang.settings"
django.setup()
from django.core.cache import cache
from django.conf import settings
assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), settings.CACHES
key, value = sys.argv[1], sys.argv[2]
if value == "-":
    print(cache.get(key)); cache.delete(key)
else:
    cache.set(key, value, 30)
"""


def run(*args: str) -> str:
    env = {**os.environ, "RENBANG_TESTING": "false", "REDIS_URL": "redis://127.0.0.1:6379/15",
           "CACHE_KEY_PREFIX": "renbang-test-cache"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_it_shares_the_cache_between_two_processes_through_redis():
    key = f"shared-{uuid.uuid4().hex}"
    run(key, "dari-proses-pertama")
    assert run(key, "-") == "dari-proses-pertama"
    assert run(key, "-") == "None"


def test_it_keeps_tests_on_process_memory():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
