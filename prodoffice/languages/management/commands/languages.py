"""`prodoffice languages VERB CODE`: the language desk's creates from the command line.

add CODE --language LANG [--role target|original] [--kinds subtitles,sdh] [--territories ES,MX]
         [--children]                        a language of the production
linguist CODE (--email E | --company NAME) --pair en:es[:YEARS[:RATE]] ... [--specialisms a,b]
                                             a translator (a person of the directory, by e-mail)
                                             or a vendor (a company, by name) with pairs
work CODE --language LANG --kind KIND [--due YYYY-MM-DD] [--cut CODE:CUT:vN]
                                             a work item (no due date: the delivery schedules')
upload CODE FILE --language LANG [--name N] [--kind K] [--fps 24] [--cut CODE:CUT:vN]
                                             a subtitle file as the next version of its track

The same services as the pages and the API, as the system; refusals exit 1 with the reason.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.languages.services import desk, subtitles
from prodoffice.people.models import Company, Person
from prodoffice.post.selectors import version_by_reference
from prodoffice.productions.management.commands._production import production_by_code


def _list(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").replace(" ", ",").split(",") if x.strip()]


class Command(CliCommand):
    """Add languages, linguists, work items and subtitle files to a production."""

    help = "Languages: add|linguist|work|upload CODE ... (see the module's docstring)."

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["add", "linguist", "work", "upload"])
        parser.add_argument("production", help="The production's code.")
        parser.add_argument("file", nargs="?", help="The subtitle file (upload).")
        parser.add_argument("--language", help="BCP 47 tag.")
        parser.add_argument("--role", default="target", choices=["target", "original"])
        parser.add_argument("--kinds", help="Deliveries, comma-separated (add).")
        parser.add_argument("--territories", help="ISO 3166 codes, comma-separated (add).")
        parser.add_argument("--children", action="store_true", help="Children's programme.")
        parser.add_argument("--email", help="The translator's e-mail in the directory.")
        parser.add_argument("--company", help="The vendor company's name.")
        parser.add_argument("--pair", action="append", default=[], help="FROM:INTO[:YEARS[:RATE]]")
        parser.add_argument("--specialisms", help="Comma-separated (linguist).")
        parser.add_argument("--kind", help="Work kind (work) or subtitle kind (upload).")
        parser.add_argument("--due", help="Due date YYYY-MM-DD (work).")
        parser.add_argument("--cut", help="Cut version CODE:CUT:vN.")
        parser.add_argument("--name", default="", help="Track name (upload).")
        parser.add_argument("--fps", default="", help="Frame rate (upload).")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        result = getattr(self, f"_{options['verb']}")(production, options)
        if options["json"]:
            return self.emit_json(result)
        self.stdout.write(" ".join(f"{k}: {v}" for k, v in result.items()))

    def _add(self, production, options) -> dict:
        entry = desk.production_language_add(
            actor=None,
            production=production,
            language=options["language"] or "",
            role=options["role"],
            kinds=_list(options["kinds"]),
            territories=_list(options["territories"]),
            children=options["children"],
        )
        return {"language": entry.language, "id": str(entry.public_id), "kinds": entry.kinds}

    def _linguist(self, production, options) -> dict:
        person = company = None
        if options["email"]:
            person = Person.objects.filter(email__iexact=options["email"]).first()
            if person is None:
                raise CommandError(
                    f"No person with the e-mail {options['email']}.", returncode=FAILED
                )
        elif options["company"]:
            company = Company.objects.filter(name__iexact=options["company"]).first()
            if company is None:
                raise CommandError(f"No company named {options['company']}.", returncode=FAILED)
        else:
            raise CommandError("linguist needs --email or --company.", returncode=USAGE)
        linguist = desk.linguist_add(
            actor=None,
            production=production,
            person=person,
            company=company,
            specialisms=_list(options["specialisms"]),
            pairs=[_pair(p) for p in options["pair"]],
        )
        return {
            "linguist": linguist.name,
            "id": str(linguist.public_id),
            "pairs": len(options["pair"]),
        }

    def _work(self, production, options) -> dict:
        due = None
        if options["due"]:
            try:
                due = datetime.date.fromisoformat(options["due"])
            except ValueError:
                raise CommandError(
                    f"--due: {options['due']!r} is not YYYY-MM-DD.", returncode=USAGE
                ) from None
        item = desk.work_item_create(
            actor=None,
            production=production,
            language=options["language"] or "",
            kind=options["kind"] or "",
            due_date=due,
            cut_version=version_by_reference(options["cut"]) if options["cut"] else None,
        )
        return {"work": str(item), "id": str(item.public_id), "due_date": str(item.due_date or "")}

    def _upload(self, production, options) -> dict:
        if not options["file"]:
            raise CommandError("upload needs the FILE.", returncode=USAGE)
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(
                f"{options['file']}: cannot be read ({exc.strerror})", returncode=FAILED
            ) from None
        version = subtitles.subtitle_version_upload(
            actor=None,
            production=production,
            language=options["language"] or "",
            name=options["name"] or Path(options["file"]).name,
            filename=Path(options["file"]).name,
            data=data,
            fps=options["fps"],
            kind=options["kind"] or "subtitles",
            cut_version=version_by_reference(options["cut"]) if options["cut"] else None,
        )
        return {
            "track": version.subtitle_file.name,
            "version": version.number,
            "encoding": version.encoding,
            "events": version.event_count,
            "counts": version.qc_counts,
        }


def _pair(text: str) -> dict:
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise CommandError(f"--pair {text!r}: use FROM:INTO[:YEARS[:RATE]].", returncode=USAGE)
    pair = {"source": parts[0], "target": parts[1]}
    if len(parts) > 2:
        if not parts[2].isdigit():
            raise CommandError(f"--pair {text!r}: YEARS is a whole number.", returncode=USAGE)
        pair["years_experience"] = int(parts[2])
    if len(parts) > 3:
        pair["rate"] = parts[3]
    return pair
