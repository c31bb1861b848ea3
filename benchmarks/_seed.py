"""Benchmark fixture: a studio with 50 productions, 15,000 people and 20,000 engagements.

This is a fixture for measuring reads, not an operation of the app: it writes with `bulk_create`
directly, skipping the services and their audit events on purpose (the services validate and
audit one row at a time, which would make seeding take many minutes). The measured paths in
`core_crew.py` are the real views and API.

Call `configure()` before `django.setup()`: it points the settings at a dedicated database (a new
SQLite file in a temporary directory, or the PostgreSQL database of `DATABASE_URL`).
"""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

N_PRODUCTIONS = 50
N_PEOPLE = 15_000
N_ENGAGEMENTS = 20_000
BIG = 400  # the production measured
SMALL = 40  # the production the query count is compared with
BIG_CODE = "BENCH400"
SMALL_CODE = "BENCH040"
OFFICE_USERNAME = "bench-office"
PASSWORD = "bench-password-not-secret-1"  # a throwaway database in a temporary directory
FIRST = [
    "Ada",
    "Ben",
    "Cleo",
    "Dev",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
    "Max",
    "Nia",
    "Oto",
    "Pia",
    "Raj",
    "Sol",
    "Tea",
    "Uma",
]
LAST = [
    "Abara",
    "Brook",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Khan",
    "Lopez",
    "Mori",
    "Novak",
]


@dataclass
class SeedInfo:
    """What the benchmark needs to know about the seeded world."""

    big_code: str
    small_code: str
    office_username: str
    database: str
    seconds: float


def configure(workdir: Path | None = None) -> dict[str, str]:
    """Point the settings at a dedicated database; return the environment for child servers."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="prodoffice-bench-"))
    env = {
        "PRODOFFICE_VAR_DIR": str(workdir),
        "DEBUG": "false",  # DEBUG records every query; production does not
        "PRODOFFICE_MFA_REQUIRED": "false",  # the office user has no TOTP device here
        "LOG_LEVEL": "WARNING",
    }
    if not os.environ.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    return env


def run_and_record(run, table, json_path: str) -> int:
    """Run `run()` on a dedicated database with the benchmark settings, print `table(results)`,
    write the results as JSON, and remove a temporary SQLite database afterwards."""
    env = configure()
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
        import django

        django.setup()
        results = run()
        print(table(results))
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {json_path}")
        return 0
    finally:
        if "SQLITE_PATH" in env:
            shutil.rmtree(env["PRODOFFICE_VAR_DIR"], ignore_errors=True)


def seed(rng_seed: int = 2) -> SeedInfo:
    """Migrate the dedicated database and fill it; refuse a database that already has data."""
    import time

    from django.core.management import call_command
    from django.db import connection, transaction

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from prodoffice.productions.models import Production

    if Production.objects.exists():
        raise SystemExit("benchmark database is not empty; point DATABASE_URL at an empty one")
    rng = random.Random(rng_seed)
    with transaction.atomic():
        productions = _productions()
        people = _people(rng)
        _engagements(rng, productions, people)
        _office_user(productions)
    return SeedInfo(
        BIG_CODE,
        SMALL_CODE,
        OFFICE_USERNAME,
        connection.settings_dict["NAME"],
        time.perf_counter() - started,
    )


def existing() -> SeedInfo | None:
    """The seeded world of an already seeded benchmark database (None: not seeded)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    from prodoffice.productions.models import Production

    if not Production.objects.filter(code=BIG_CODE).exists():
        return None
    name = connection.settings_dict["NAME"]
    return SeedInfo(BIG_CODE, SMALL_CODE, OFFICE_USERNAME, name, 0.0)


def _sizes() -> list[int]:
    """Engagements per production: 400, 40, and the rest spread unevenly over 48 productions."""
    rest = N_ENGAGEMENTS - BIG - SMALL
    others = N_PRODUCTIONS - 2
    sizes = [rest // others + (i % 7 - 3) * 40 for i in range(others)]
    sizes[-1] += rest - sum(sizes)
    return [BIG, SMALL, *sizes]


def _productions():
    """One studio and its 50 productions."""
    from prodoffice.people.models import Company
    from prodoffice.productions.models import Production

    studio = Company.objects.create(name="Bench Studios", kind="studio")
    codes = [BIG_CODE, SMALL_CODE, *(f"BENCH-P{i:02d}" for i in range(N_PRODUCTIONS - 2))]
    Production.objects.bulk_create(
        Production(
            title=f"Benchmark Picture {i}",
            code=code,
            kind="feature",
            phase="production",
            studio=studio,
            time_zone="America/Los_Angeles",
            currency="USD",
        )
        for i, code in enumerate(codes)
    )
    by_code = {p.code: p for p in Production.objects.all()}
    return [by_code[c] for c in codes]


def _people(rng: random.Random) -> list[int]:
    """15,000 directory persons with the fields a crew list shows; returns their ids."""
    from prodoffice.people.models import Person

    Person.objects.bulk_create(
        (
            Person(
                first_name=rng.choice(FIRST),
                last_name=f"{rng.choice(LAST)}{i % 97}",
                email=f"person{i}@bench.test",
                phone=f"+1213555{i % 10000:04d}",
                city="Los Angeles",
                country="US",
                years_experience=rng.randint(0, 30),
            )
            for i in range(N_PEOPLE)
        ),
        batch_size=2000,
    )
    return list(Person.objects.order_by("id").values_list("id", flat=True))


def _engagements(rng: random.Random, productions, people: list[int]) -> None:
    """Every production's crew and cast, then each one's reporting line from the catalogue."""
    from prodoffice.productions.models import Engagement, Position

    positions = list(Position.objects.select_related("department"))
    for production, size in zip(productions, _sizes(), strict=True):
        rows = [_engagement(rng, production, pid, positions) for pid in rng.sample(people, size)]
        _number_cast(rows)
        Engagement.objects.bulk_create(rows, batch_size=1000)
    _reporting_lines(positions)


def _engagement(rng: random.Random, production, person_id: int, positions):
    """One crew-list line with dates and a day rate."""
    from prodoffice.productions.models import Engagement

    start = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 60))
    return Engagement(
        production=production,
        person_id=person_id,
        position=rng.choice(positions),
        status=rng.choice(["prospect", "offered", "confirmed", "confirmed", "confirmed"]),
        start_date=start,
        end_date=start + datetime.timedelta(days=rng.randint(20, 120)),
        rate=Decimal(rng.randint(300, 3000)),
        rate_unit="day",
        currency="USD",
    )


def _number_cast(rows) -> None:
    """Cast members get board numbers and characters (unique per production)."""
    cast = [e for e in rows if e.position.department.is_cast]
    for n, e in enumerate(cast, start=1):
        e.cast_number, e.character = n, f"Character {n}"


def _reporting_lines(positions) -> None:
    """Point each engagement at the first engagement of its position's superior, if any."""
    from prodoffice.productions.models import Engagement

    boss_of = {p.pk: p.reports_to_id for p in positions}
    first: dict[tuple[int, int], int] = {}
    rows = list(Engagement.objects.order_by("id").only("id", "production_id", "position_id"))
    for e in rows:
        first.setdefault((e.production_id, e.position_id), e.pk)
    changed = []
    for e in rows:
        boss = first.get((e.production_id, boss_of[e.position_id]))
        if boss and boss != e.pk:
            e.reports_to_id = boss
            changed.append(e)
    Engagement.objects.bulk_update(changed, ["reports_to"], batch_size=500)


def _office_user(productions) -> None:
    """The coordinator of the two measured productions (sees rates and personal data)."""
    from prodoffice.accounts.models import Membership, User

    user = User.objects.create_user(OFFICE_USERNAME, f"{OFFICE_USERNAME}@bench.test", PASSWORD)
    for p in productions[:2]:
        Membership.objects.create(user=user, production=p, role="coordinator")
