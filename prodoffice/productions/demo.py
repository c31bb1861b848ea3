"""The demo production: a realistic feature with its crew, cast, meetings and one login per role.

Everything is written through the services (as the system, actor=None), so the demo carries the
same audit trail and the same rules as real data. It is deterministic (fixed lists, a seeded
generator) and idempotent: a second run finds the production and only makes sure the logins exist.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.accounts import services as accounts
from prodoffice.accounts.choices import OFFICE_ROLES, Role
from prodoffice.accounts.models import User
from prodoffice.people import services as people
from prodoffice.people.models import Company, CompanyContact, Person
from prodoffice.productions.models import Department, Engagement, Position, Production
from prodoffice.productions.services import engagements, meetings, memberships, productions

CODE = "HARBOR"
TITLE = "Harbor Lights"
TZ = "America/Los_Angeles"
# Eight weeks of prep, then the shoot of the demo board (scheduling/demo.py): SHOOT_END is the
# date of its last shoot day on the demo calendar (a test keeps the two together).
PREP, SHOOT_START, SHOOT_END, DELIVERY = (
    datetime.date(2027, 3, 1),
    datetime.date(2027, 4, 26),
    datetime.date(2027, 6, 7),
    datetime.date(2027, 11, 26),
)
#: Shoot days of the demo board (scheduling/demo.py), named on the kickoff agenda.
SHOOT_DAYS = 29
MAIL_DOMAIN = "example.com"


def _words(text: str) -> list[str]:
    return text.split()


# Crew by catalogue position; one letter per person: C confirmed, O offered, P prospect.
CREW: list[tuple[str, str]] = [
    ("Producer", "C"),
    ("Line Producer", "C"),
    ("Production Manager", "C"),
    ("Production Coordinator", "C"),
    ("Assistant Production Coordinator", "C"),
    ("Production Secretary", "O"),
    ("Production Assistant", "CCP"),
    ("Director", "C"),
    ("1st Assistant Director", "C"),
    ("2nd Assistant Director", "C"),
    ("2nd 2nd Assistant Director", "O"),
    ("Script Supervisor", "C"),
    ("Casting Director", "C"),
    ("Casting Assistant", "C"),
    ("Director of Photography", "C"),
    ("Camera Operator", "C"),
    ("1st Assistant Camera", "C"),
    ("2nd Assistant Camera", "C"),
    ("DIT", "O"),
    ("Still Photographer", "P"),
    ("Gaffer", "C"),
    ("Best Boy Electric", "C"),
    ("Electrician", "CO"),
    ("Key Grip", "C"),
    ("Best Boy Grip", "C"),
    ("Dolly Grip", "O"),
    ("Grip", "CP"),
    ("Production Designer", "C"),
    ("Art Director", "C"),
    ("Set Decorator", "C"),
    ("Property Master", "C"),
    ("Set Dresser", "CO"),
    ("Costume Designer", "C"),
    ("Costume Supervisor", "C"),
    ("Set Costumer", "O"),
    ("Make-up Department Head", "C"),
    ("Hair Department Head", "C"),
    ("Make-up Artist", "C"),
    ("Production Sound Mixer", "C"),
    ("Boom Operator", "C"),
    ("Sound Utility", "P"),
    ("Location Manager", "C"),
    ("Assistant Location Manager", "C"),
    ("Location Scout", "C"),
    ("Transportation Coordinator", "C"),
    ("Driver", "CO"),
    ("Stunt Coordinator", "C"),
    ("Stunt Performer", "CP"),
    ("Editor", "C"),
    ("Assistant Editor", "C"),
    ("Post Supervisor", "C"),
    ("Supervising Sound Editor", "O"),
    ("Re-recording Mixer", "P"),
    ("ADR Supervisor", "P"),
    ("Foley Artist", "P"),
    ("Acoustics Specialist", "P"),
    ("Mastering Engineer", "P"),
    ("Colorist", "O"),
    ("Translator", "C"),
    ("Subtitler", "O"),
    ("Dubbing Director", "P"),
    ("Voice Actor", "P"),
    ("Production Attorney", "C"),
    ("Clearance Coordinator", "C"),
    ("Production Accountant", "C"),
    ("Payroll Accountant", "C"),
    ("Unit Publicist", "O"),
]
#: Key position deliberately held by someone junior, so the experience warning shows.
JUNIOR = {"Location Manager": 2}

# Cast by billing: (position, character, status letter); the board ID is the place in the list.
# Every speaking character of the demo script (scheduling/fixtures/harbor_lights.fountain) is
# here, so the import links each one to an actor: leads in most scenes, supporting cast in a
# part of the story, day players in one to three scenes.
CAST: list[tuple[str, str, str]] = [
    ("Lead Actor", "Nora Vance", "C"),
    ("Lead Actor", "Eli Marsh", "C"),
    ("Supporting Actor", "Captain Ruth Okoye", "C"),
    ("Supporting Actor", "Inspector Hal Greer", "C"),
    ("Supporting Actor", "Lena Marsh", "C"),
    ("Supporting Actor", "Danny Kowalski", "C"),
    ("Supporting Actor", "Father Matteo", "C"),
    ("Supporting Actor", "Jonah Pike", "C"),
    ("Supporting Actor", "Rosa Delgado", "C"),
    ("Supporting Actor", "Vic Sorrell", "C"),
    ("Supporting Actor", "Marta Marsh", "C"),
    ("Supporting Actor", "Harbor Reporter", "C"),
    ("Supporting Actor", "Agent Lowry", "O"),
    ("Supporting Actor", "Officer Chen", "C"),
    ("Supporting Actor", "Dockmaster Sully", "C"),
    ("Supporting Actor", "Mae Dunlap", "O"),
    ("Day Player", "Night Clerk", "C"),
    ("Day Player", "Young Eli", "C"),
    ("Day Player", "Ferry Captain", "O"),
    ("Day Player", "Customs Officer", "P"),
    ("Day Player", "Tomas Reyes", "C"),
    ("Day Player", "Celia Hartley", "C"),
    ("Day Player", "Old Augusto", "C"),
    ("Day Player", "Security Guard", "O"),
    ("Day Player", "Dr. Anaya", "C"),
    ("Day Player", "Ward Nurse", "P"),
    ("Day Player", "Supply Clerk", "P"),
    ("Day Player", "Avalon Harbormaster", "O"),
    ("Day Player", "Bank Manager", "P"),
    ("Day Player", "Truck Driver", "P"),
]

FIRST_NAMES = _words(
    "Maya Daniel Priya Tomás Grace Kenji Amara Lucas Sofia Marcus Leila Owen Hana Mateo Chloe "
    "Rafael Imani Jonas Elena Samuel Aisha Felix Nadia Victor Ines Theo Zara Hugo Mei Andre "
    "Freya Diego Yara Caleb Rosa Idris Clara Malik Astrid Jamal Lucia Noah Keiko Emeka Vera "
    "Rohan Talia Anton Simone Bashir Lena Gabriel Nia Oscar Camila Kwame Ingrid Milo Farah "
    "Julian Esme Tariq Paloma Declan Aiyana Ravi Greta Hamza Liv Mateus Juno Ezra Carmen Silas "
    "Ayo Beatriz Quinn Soraya Emil Dalia Jasper Wren Omar Celeste Nikolai Adaeze Luca Marisol "
    "Elliot Yusuf Saoirse Bruno Anneliese Kofi Marguerite Desmond Harriet Ignacio Sunniva "
    "Tobias Marisa Benedikt Ewa Kai Renata Lorcan Dagny Arjun Philippa Teodor Yasmin Cormac "
    "Noor Florian Alma Rashid"
)
LAST_NAMES = _words(
    "Okafor Lindqvist Castellanos Whitfield Nakamura Brennan Adeyemi Moreau Petrov Halloran "
    "Vasquez Delacroix Osei Kowalczyk Fairbanks Ishikawa Montoya Achterberg Quintero Sandoval "
    "Bergstrom Mbeki Caruso Thorne Ramaswamy Villanueva Okonkwo Lachance Eriksen Abernathy "
    "Takahashi Duarte Kaminski Ferreira Hollis Nkemelu Strand Valencourt Arroyo Lindgren "
    "Mwangi Rousseau Gallagher Sato Ocampo Haddad Novak Beaumont Iwu Marchetti Solberg Ybarra "
    "Kealoha Vukovic Ashby Mensah Calloway Oyelaran Brandt Esposito Tanaka Figueroa Ahlgren "
    "Nwosu Castellano Pryce Horvath Delgado Wynn Akintola Sorensen Bellamy Rinaldi Kovac "
    "Amsel Quarshie Lockhart Matsuda Serrano Dunmore Efua Laurent Okwu Hartigan Zubiri "
    "Pennington Adair Morales Kirkland Obuya Renner Salcedo Whitmore Oduya Lindahl Castillo "
    "Barrow Quintana Holm Achebe Varga Cordero Ellison Nakashima Bhatt Fontaine Strickland "
    "Okoro Lund Paredes Winslow Ferrante Gathii Royce Ibarra Sorensen"
)
SECOND_LANGUAGES = ("es", "fr", "ko", "pt", "de", "it", "ja", "tl", "zh", "yo")
CREDIT_TITLES = (
    "The Quiet Tide",
    "Salt Road",
    "Paper Lanterns",
    "North of Dawn",
    "The Long Shift",
    "Iron Orchard",
    "Small Hours",
    "Blue Meridian",
    "A Season of Crows",
    "Low Water",
    "The Cartographer",
    "Signal Fires",
)
UNIONS = {
    "direction": ("DGA", ""),
    "camera": ("IATSE", "Local 600"),
    "lighting-grip": ("IATSE", "Local 80"),
    "art": ("IATSE", "Local 800"),
    "costume": ("IATSE", "Local 705"),
    "hair-makeup": ("IATSE", "Local 706"),
    "sound": ("IATSE", "Local 695"),
    "editorial": ("IATSE", "Local 700"),
    "sound-post": ("IATSE", "Local 700"),
    "transport": ("Teamsters", "Local 399"),
    "locations": ("Teamsters", "Local 399"),
    "cast": ("SAG-AFTRA", ""),
}
POST_DEPARTMENTS = {"editorial", "sound-post", "mastering", "language-services"}
PREP_DEPARTMENTS = {"production", "direction", "casting", "art", "locations", "accounting", "legal"}

# (username, role, position of the linked person or None, department slug for heads)
LOGINS: list[tuple[str, str, str | None, str | None]] = [
    ("demo.producer", Role.PRODUCER, "Producer", None),
    ("demo.manager", Role.PRODUCTION_MANAGER, "Production Manager", None),
    ("demo.coordinator", Role.COORDINATOR, "Production Coordinator", None),
    ("demo.assistant", Role.OFFICE_ASSISTANT, "Production Assistant", None),
    ("demo.camera", Role.DEPARTMENT_HEAD, "Director of Photography", "camera"),
    ("demo.crew", Role.CREW, "2nd Assistant Camera", None),
    ("demo.cast", Role.CAST, "Supporting Actor", None),
    ("demo.executive", Role.STUDIO_EXECUTIVE, None, None),
]
STATUS = {"C": "confirmed", "O": "offered", "P": "prospect"}


@dataclass
class DemoResult:
    """What `demo_build` did and the logins to print."""

    production: Production | None
    created: bool
    logins: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape printed by `prodoffice demo --json`."""
        code = self.production.code if self.production else None
        return {"production": code, "created": self.created, "logins": self.logins}


def demo_password(username: str) -> str:
    """A password per install and login, derived from SECRET_KEY so reruns can print it again."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo:{username}".encode(), hashlib.sha256)
    text = base64.b32encode(digest.digest()).decode("ascii").lower()
    return f"{text[0:5]}-{text[5:10]}-{text[10:15]}"


def demo_build(*, if_empty: bool = False) -> DemoResult:
    """Load the demo production (unless present, or unless `if_empty` and any production exists)."""
    with transaction.atomic():
        production = Production.objects.filter(code=CODE).first()
        created = False
        if production is None:
            if if_empty and Production.objects.exists():
                return DemoResult(production=None, created=False)
            production = _Builder().build()
            created = True
        logins = [_ensure_login(production, *spec) for spec in LOGINS]
        # After the logins: the paperwork demo drafts as the assistant, approves as the manager.
        _extend(production)
    return DemoResult(production=production, created=created, logins=logins)


def _extend(production: Production) -> None:
    """Apps above productions add their share (scheduling: script, calendar, board); each one's
    `demo_extend` is idempotent, so a rerun also completes a demo loaded by an older version."""
    for config in apps.get_app_configs():
        extend = getattr(config, "demo_extend", None)
        if extend is not None:
            extend(production)


class _Builder:
    """Writes the demo production through the services, in catalogue order."""

    def __init__(self) -> None:
        self.rng = random.Random("harbor-lights-2027")
        names = list(zip(FIRST_NAMES, LAST_NAMES, strict=False))
        self.rng.shuffle(names)
        self.names = iter(names)
        self.phone_seq = 100
        self.by_position: dict[str, list[Engagement]] = {}
        self.fresh: set[int] = set()

    def build(self) -> Production:
        studio = self.company("Meridian Pictures", "studio")
        company = self.company("Lantern Bay Films", "production_company")
        self.production = productions.production_create(
            actor=None,
            title=TITLE,
            code=CODE,
            kind="feature",
            start_date=PREP,
            shoot_start=SHOOT_START,
            shoot_end=SHOOT_END,
            end_date=DELIVERY,
            original_language="en",
            studio=studio,
            production_company=company,
            office_address="1200 Harbor Boulevard, Building C\nSan Pedro, CA 90731",
            office_phone="+13105550100",
            office_email=f"office@harborlights.{MAIL_DOMAIN}",
            time_zone=TZ,
            currency="USD",
        )
        productions.production_set_phase(
            actor=None, production=self.production, phase="pre_production"
        )
        self.crew()
        self.cast()
        self.agents()
        self.executive(studio)
        self.kickoff()
        self.production_meeting()
        return self.production

    # --- people ------------------------------------------------------------------------------

    def company(self, name: str, kind: str) -> Company:
        existing = Company.objects.filter(name__iexact=name, kind=kind).first()
        return existing or people.company_create(actor=None, name=name, kind=kind, country="US")

    def next_phone(self) -> str:
        area = ("310", "213", "323", "818")[self.phone_seq // 100 - 1]
        number = f"+1{area}55501{self.phone_seq % 100:02d}"
        self.phone_seq += 1
        return number

    def person(self, years: int, **extra: Any) -> Person:
        """The next name on the list; a person already in the directory by e-mail is reused."""
        first, last = next(self.names)
        email = f"{first}.{last}@{MAIL_DOMAIN}".lower().replace("á", "a").replace("é", "e")
        existing = Person.objects.filter(email__iexact=email).first()
        if existing is not None:
            return existing
        person = people.person_create(
            actor=None,
            production=self.production,
            first_name=first,
            last_name=last,
            email=email,
            phone=self.next_phone(),
            years_experience=years,
            city="Los Angeles",
            region="CA",
            country="US",
            **extra,
        )
        self.fresh.add(person.pk)
        return person

    def contact(self, company: Company, person: Person, title: str) -> None:
        if not CompanyContact.objects.filter(company=company, person=person).exists():
            people.company_contact_add(actor=None, company=company, person=person, title=title)

    def years_for(self, position: Position) -> int:
        if position.title in JUNIOR:
            return JUNIOR[position.title]
        extra = self.rng.randint(3, 14) if position.is_key else self.rng.randint(0, 9)
        return position.min_years_experience + extra

    def profile(self, person: Person, position: Position, n: int) -> None:
        """Languages, a union card and credits: the directory looks lived in."""
        people.language_add(actor=None, person=person, language="en", proficiency="native")
        if n % 3 == 0 or position.department.slug == "language-services":
            second = SECOND_LANGUAGES[n % len(SECOND_LANGUAGES)]
            people.language_add(actor=None, person=person, language=second, proficiency="fluent")
        union = UNIONS.get(position.department.slug)
        if union and (person.years_experience >= 3 or position.department.slug == "cast"):
            people.union_membership_add(actor=None, person=person, union=union[0], local=union[1])
        for k in range(2 if position.is_key else int(person.years_experience >= 5)):
            title = CREDIT_TITLES[(n + 5 * k) % len(CREDIT_TITLES)]
            people.credit_add(
                actor=None,
                person=person,
                title=title,
                year=2025 - 3 * k - n % 3,
                position=str(position),
            )

    # --- engagements -------------------------------------------------------------------------

    def dates(self, slug: str) -> tuple[datetime.date, datetime.date]:
        if slug in POST_DEPARTMENTS:
            return SHOOT_START, DELIVERY
        if slug in PREP_DEPARTMENTS:
            return PREP, SHOOT_END + datetime.timedelta(days=14)
        return SHOOT_START - datetime.timedelta(days=14), SHOOT_END + datetime.timedelta(days=7)

    def rate(self, position: Position) -> tuple[Decimal, str]:
        if position.department.slug == "cast":
            base = {"Lead Actor": 25000, "Supporting Actor": 8500}.get(position.title)
            return (Decimal(base), "week") if base else (Decimal(1246), "day")
        if position.is_key:
            return Decimal(4000 + 250 * self.rng.randint(0, 20)), "week"
        return Decimal(300 + 25 * self.rng.randint(0, 24)), "day"

    def engage(self, position: Position, status: str, n: int, **values: Any) -> Engagement:
        person = self.person(self.years_for(position))
        # Someone left in the directory by an earlier demo keeps the profile they have.
        if person.pk in self.fresh:
            self.profile(person, position, n)
        start, end = self.dates(position.department.slug)
        rate, unit = self.rate(position)
        engagement = engagements.engagement_create(
            actor=None,
            production=self.production,
            person=person,
            position=position,
            status=status,
            start_date=start,
            end_date=end,
            rate=rate,
            rate_unit=unit,
            currency="USD",
            **values,
        )
        self.by_position.setdefault(position.title, []).append(engagement)
        return engagement

    def crew(self) -> None:
        positions = {p.title: p for p in Position.objects.shared().select_related("department")}
        n = 0
        for title, statuses in CREW:
            for letter in statuses:
                n += 1
                self.engage(positions[title], STATUS[letter], n)

    def cast(self) -> None:
        positions = {p.title: p for p in Position.objects.shared().filter(department__slug="cast")}
        for number, (title, character, letter) in enumerate(CAST, start=1):
            self.engage(
                positions[title],
                STATUS[letter],
                100 + number,
                cast_number=number,
                character=character,
            )

    def agents(self) -> None:
        """The two leads and the first supporting actor are represented by agents."""
        agency = self.company("Crescent Talent Agency", "agency")
        clients = [e.person for e in self.by_position["Lead Actor"]]
        clients.append(self.by_position["Supporting Actor"][0].person)
        for client in clients:
            agent = self.person(15)
            self.contact(agency, agent, "Agent")
            if client.pk in self.fresh:
                people.representation_add(actor=None, person=client, agent=agent, agency=agency)

    def executive(self, studio: Company) -> None:
        self.studio_executive = self.person(20)
        self.contact(studio, self.studio_executive, "Senior Vice President, Production")

    # --- meetings ----------------------------------------------------------------------------

    def kickoff(self) -> None:
        kickoff = self.production.meetings.get(kind="kickoff")
        departments = {d.slug: d for d in Department.objects.shared()}
        for title, slug in (
            ("Welcome and introductions", "production"),
            ("The director's intent: story, characters and tone", "direction"),
            (f"Schedule: 8 weeks of prep, {SHOOT_DAYS} shoot days, post to November", "direction"),
            ("Casting status and cast availability", "casting"),
            ("Look of the film: camera, lighting, design", "camera"),
            ("Locations in San Pedro and permits", "locations"),
            ("Safety on the water and stunts", "stunts"),
            ("Budget, paperwork and deal memos", "accounting"),
            ("Post-production and delivery", "editorial"),
        ):
            meetings.agenda_item_add(
                actor=None, meeting=kickoff, title=title, department=departments[slug]
            )

    def production_meeting(self) -> None:
        tz = zoneinfo.ZoneInfo(TZ)
        heads = ["production", "direction", "camera", "art", "locations", "stunts", "transport"]
        meeting = meetings.meeting_create(
            actor=None,
            production=self.production,
            title="Production meeting – week 3 of prep",
            starts_at=datetime.datetime(2027, 3, 17, 14, 0, tzinfo=tz),
            duration_minutes=90,
            location="Production office, conference room",
            department_ids=list(
                Department.objects.filter(slug__in=heads).values_list("id", flat=True)
            ),
        )
        for title in ("Night exteriors at the container terminal", "Boat work and marine unit"):
            meetings.agenda_item_add(actor=None, meeting=meeting, title=title)
        for text in (
            "Night exteriors at the container terminal move to week 4 of the shoot.",
            "A marine coordinator and safety boat are on every water day.",
            "The ferry scenes shoot on the Catalina ferry dock, not on a stage.",
        ):
            meetings.decision_add(actor=None, meeting=meeting, text=text)
        for title, text, due in (
            ("Location Manager", "Apply for the port authority filming permit.", 3),
            ("Stunt Coordinator", "Water safety plan for the harbour chase.", 10),
            ("Transportation Coordinator", "Quote for picture boats and a tow.", 7),
            ("1st Assistant Director", "First draft of the shooting schedule.", 14),
        ):
            meetings.action_item_add(
                actor=None,
                meeting=meeting,
                text=text,
                assignee=self.by_position[title][0],
                due_date=datetime.date(2027, 3, 17) + datetime.timedelta(days=due),
            )
        meetings.meeting_set_status(actor=None, meeting=meeting, status="held")


# --- logins ------------------------------------------------------------------------------------


def _linked_person(production: Production, role: str, title: str | None) -> Person | None:
    if title is None:
        return Person.objects.filter(
            company_roles__company=production.studio, company_roles__title__startswith="Senior"
        ).first()
    return (
        Person.objects.filter(
            engagements__production=production, engagements__position__title=title
        )
        .order_by("engagements__id")
        .first()
    )


def _ensure_login(
    production: Production, username: str, role: str, title: str | None, dept: str | None
) -> dict[str, Any]:
    """The demo account for a role: created if missing, a member of the production, printed."""
    password = demo_password(username)
    person = _linked_person(production, role, title)
    user = User.objects.filter(username=username).first()
    fresh = user is None
    if user is None:
        user = accounts.user_create(
            actor=None,
            username=username,
            password=password,
            email=person.email if person else "",
            first_name=person.first_name if person else "",
            last_name=person.last_name if person else "",
        )
    if person is not None and person.user_id is None:
        accounts.user_link_person(actor=None, user=user, person=person)
    membership = user.memberships.filter(production=production).first()
    if membership is None:
        department = Department.objects.get(slug=dept) if dept else None
        membership = memberships.membership_set(
            actor=None, production=production, user=user, role=role, department=department
        )
    if role == Role.PRODUCER and not membership.can_countersign:
        # The office signatory of the demo: every demo contract can be completed.
        memberships.membership_countersign_set(actor=None, membership=membership, allowed=True)
    # Argon2 is slow on purpose: only an account found from an earlier run is checked.
    still = fresh or user.check_password(password)
    return _login_row(user, role, password if still else None, person)


def demo_logins() -> DemoResult:
    """The logins of the demo already in the database, read only: nothing is loaded or created.

    `production` is None when the database holds no demo production."""
    production = Production.objects.filter(code=CODE).first()
    if production is None:
        return DemoResult(production=None, created=False)
    users = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in LOGINS])}
    rows = []
    for username, role, _title, _dept in LOGINS:
        user = users.get(username)
        if user is None or not user.memberships.filter(production=production).exists():
            continue
        password = demo_password(username)
        still = user.check_password(password)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
        person = user.person if hasattr(user, "person") else None
        rows.append(_login_row(user, role, password if still else None, person, device=device))
    return DemoResult(production=production, created=False, logins=rows)


def _login_row(
    user: User,
    role: str,
    password: str | None,
    person: Person | None,
    *,
    device: TOTPDevice | bool | None = True,
) -> dict:
    """One printed login; `device=True` enrols a TOTP device when one is required, else the
    device given (or None) is only shown."""
    still = password is not None
    row: dict[str, Any] = {
        "username": user.username,
        "password": password if still else None,
        "role": role,
        "name": str(person) if person else str(user),
    }
    if not still:
        row["note"] = "password changed since the demo was loaded"
    if device is True:
        enrol = settings.PRODOFFICE_MFA_REQUIRED and role in OFFICE_ROLES
        device = accounts.totp_enrol(actor=None, user=user) if enrol else None
    if isinstance(device, TOTPDevice):
        row["totp_secret"] = accounts.totp_secret(device)
        row["otpauth"] = device.config_url
    return row
