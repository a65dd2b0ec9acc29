"""The production settings with the benchmark's URLconf (bench.urls: the project's URLs
plus the bare login-required view), for the servers `make loadtest` starts."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
