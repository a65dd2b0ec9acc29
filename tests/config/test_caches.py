"""The caches: in each process's memory by default, shared in Redis with REDIS_URL."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({alias: c['BACKEND'] for alias, c in settings.CACHES.items()}))"
)


def backends(**env):
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_the_caches_live_in_each_process():
    assert set(backends().values()) == {"django.core.cache.backends.locmem.LocMemCache"}


def test_with_redis_url_every_cache_is_shared():
    found = backends(REDIS_URL="redis://cache.internal:6379/0")
    assert set(found.values()) == {"django.core.cache.backends.redis.RedisCache"}
    assert set(found) == {"default", "calendar"}
