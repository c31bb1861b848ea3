"""The crew list's rows drawn in Python (`crew_tags.crew_rows`) write what the template loop they
replaced wrote, byte for byte, escaping included; the page reads only the columns a row shows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import engines

from prodoffice.productions import selectors
from tests.support.factories import EngagementFactory, PersonFactory, position

pytestmark = pytest.mark.django_db

#: The row markup of `crew_list.html` before the rows moved to `crew_tags` (the reference).
TEMPLATE_ROWS = """{% load web_tags %}{% for e in page.object_list %}
        <tr data-engagement="{{ e.public_id }}">
          <td class="nowrap"><a href="{% url 'web:engagement' current_production.code e.public_id %}" class="fw-semibold">{{ e.person }}</a>{% if e.person.pronouns %} <small class="text-body-secondary">({{ e.person.pronouns }})</small>{% endif %}{% if e.experience_warning %} <span class="text-warning-emphasis" title="{{ e.experience_warning }}">{% icon "triangle-alert" 14 "Experience warning" %}</span>{% endif %}</td>
          <td>{{ e.position.title }}{% if e.character %}<br><small class="text-body-secondary">as {{ e.character }}</small>{% endif %}</td>
          <td>{{ e.position.department.name }}</td>
          <td>{% pill e.status e.get_status_display %}</td>
          <td><small>{% if e.person.email %}<a href="mailto:{{ e.person.email }}" title="{{ e.person.email }}">{{ e.person.email }}</a>{% endif %}{% if e.person.phone %}<br>{{ e.person.phone|phone }}{% endif %}</small></td>
          <td class="nowrap"><small>{{ e.start_date|day|default:"–" }}{% if e.end_date %} –<br>{{ e.end_date|day }}{% endif %}</small></td>
          <td>{{ e.cast_number|default:"" }}</td>
          {% if show_rates %}<td class="text-end nowrap">{% if e.rate is not None %}{{ e.rate|money:e.currency }} <small class="text-body-secondary">{{ e.get_rate_unit_display }}</small>{% endif %}</td>{% endif %}
        </tr>
      {% endfor %}"""  # noqa: E501 (the template's own lines)

TAG_ROWS = "{% load crew_tags %}{% crew_rows page.object_list current_production.code show_rates %}"


def _hostile_and_plain_rows(production):
    """Every branch of a row: pronouns, warning, character, no e-mail or phone, open dates, a
    cast number, a rate and none, and markup in every free-text field."""
    EngagementFactory(
        production=production,
        person=PersonFactory(
            first_name='<b>"Zed"</b>', last_name="O'Hara & Co", known_as="", pronouns="they/<i>"
        ),
        position=position("Grip"),
        character='<script>alert("x")</script>',
        experience_warning='Needs 5 years "<experience>"',
        status="offered",
        start_date=datetime.date(2027, 3, 2),
        end_date=datetime.date(2027, 4, 30),
        cast_number=7,
        rate=Decimal("1234.50"),
        currency="EUR",
        rate_unit="day",
    )
    EngagementFactory(
        production=production,
        person=PersonFactory(first_name="Ann", last_name="Plain", email="", phone=""),
        position=position("Electrician"),
        status="prospect",
    )


@pytest.mark.parametrize("show_rates", [True, False])
def test_python_rows_equal_the_template_rows(world, show_rates):
    _hostile_and_plain_rows(world.production)
    rows = list(selectors.crew_page(user=world.office, production=world.production))
    assert len(rows) >= 4  # the world's two and the two above
    context = {
        "page": {"object_list": rows},
        "current_production": world.production,
        "show_rates": show_rates,
    }
    django = engines["django"]
    expected = django.from_string(TEMPLATE_ROWS).render(context)
    assert django.from_string(TAG_ROWS).render(context) == expected
    assert "&lt;script&gt;" in expected and "<script>" not in expected
    assert ("1,234.50" in expected) is show_rates


def test_crew_page_rows_read_no_column_lazily(world, django_assert_num_queries):
    _hostile_and_plain_rows(world.production)
    rows = list(selectors.crew_page(user=world.office, production=world.production))
    context = {"page": {"object_list": rows}, "current_production": world.production}
    with django_assert_num_queries(0):  # a field missing from CREW_PAGE_COLUMNS would query
        html = engines["django"].from_string(TAG_ROWS).render({**context, "show_rates": True})
    assert "O&#x27;Hara &amp; Co" in html


#: The filter pickers of `crew_list.html` before they moved to `crew_tags` (the reference).
TEMPLATE_OPTIONS = """{% with chosen=filter.form.department.value %}{% for d in filter.form.fields.department.queryset %}<option value="{{ d.slug }}"{% if chosen == d.slug %} selected{% endif %}>{{ d.name }}</option>{% endfor %}{% endwith %}|{% with chosen=filter.form.position.value|stringformat:"s" %}{% regroup positions by department as groups %}{% for g in groups %}<optgroup label="{{ g.grouper.name }}">{% for p in g.list %}<option value="{{ p.pk }}"{% if chosen == p.pk|stringformat:"s" %} selected{% endif %}>{{ p.title }}</option>{% endfor %}</optgroup>{% endfor %}{% endwith %}"""  # noqa: E501
TAG_OPTIONS = (
    "{% load crew_tags %}"
    "{% department_options filter.form.fields.department.queryset filter.form.department.value %}|"
    "{% position_options positions filter.form.position.value %}"
)


@pytest.mark.parametrize(
    "query", ["", "department={slug}&position={pk}", "position=x&department=no"]
)
def test_python_filter_options_equal_the_template_loops(world, query):
    from django.http import QueryDict

    from prodoffice.productions.filters import EngagementFilter
    from prodoffice.productions.models import Department, Position

    local = Department.objects.create(
        production=world.production, name='Rigging <"&">', slug="rigging-local", order=1
    )
    pick = Position.objects.create(
        production=world.production, department=local, title="Key <b>Rigger</b>", order=1
    )
    data = QueryDict(query.format(slug=local.slug, pk=pick.pk))
    filterset = EngagementFilter(
        data or None,
        queryset=selectors.crew_page(user=world.office, production=world.production),
        production=world.production,
    )
    context = {"filter": filterset, "positions": selectors.crew_positions(world.production)}
    django = engines["django"]
    expected = django.from_string(TEMPLATE_OPTIONS).render(context)
    assert django.from_string(TAG_OPTIONS).render(context) == expected
    assert "Key &lt;b&gt;Rigger&lt;/b&gt;" in expected and expected.count("<optgroup") > 1
    assert (" selected" in expected) is bool(query.startswith("department"))
