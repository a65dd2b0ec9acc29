"""gunicorn settings for the container; each can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Logs go to stdout/stderr, where the container runtime collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The TLS proxy in front sets X-Forwarded-*; trust it (the container is not reachable
# from outside except through that proxy).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# The access log writes the calendar feed's address without its token.
logger_class = "config.logs.TokenHidingLogger"
