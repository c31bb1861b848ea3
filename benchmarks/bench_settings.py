"""Settings for the benchmark process only: the product's settings plus the floor view's URL."""

from prodoffice.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
