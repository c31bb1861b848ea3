"""Languages are picked and shown by name; the stored value stays the code."""

from __future__ import annotations

from prodoffice.people.forms import LanguageField, LanguageForm


def test_a_language_is_picked_by_name_and_stored_as_its_code():
    form = LanguageForm({"language": "pt-BR", "proficiency": "fluent"})
    assert form.is_valid() and form.cleaned_data["language"] == "pt-BR"
    assert ">Portuguese (Brazil)</option>" in str(form["language"])


def test_a_code_babel_knows_outside_the_list_is_accepted_and_offered_by_name():
    form = LanguageForm({"language": "de-AT", "proficiency": "fluent"})
    assert form.is_valid()
    field = LanguageField()
    field.offer("de-AT")
    assert ("de-AT", "German (Austria)") in field.choices


def test_an_unknown_code_is_refused_naming_the_field_and_the_value():
    form = LanguageForm({"language": "xx", "proficiency": "fluent"})
    assert not form.is_valid()
    assert form.errors["language"] == ["“xx” is not a language code; pick the language by name."]
