"""How complete each language is: which texts exist in one language but not in another.

A text counts as missing in a language when it is empty there but written in another one;
a field empty in every language is not a gap (it is simply not filled in).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils.translation import get_language
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def fell_back(obj, field):
    """Whether ``obj.field`` shows the English text because the active language has none."""
    language = get_language()
    if language == SOURCE_LANGUAGE:
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    return not own and bool(getattr(obj, field, None))


def shown_language(obj, field):
    """The language ``obj.field`` is shown in: the active one, or English as its fallback."""
    return SOURCE_LANGUAGE if fell_back(obj, field) else get_language()


def languages():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The language's name, in the active language ("Russian", "Русский")."""
    return dict(settings.LANGUAGES)[code]


def translated_fields(model):
    return translator.get_options_for_model(model).all_fields


def _text(obj, field, language):
    return (getattr(obj, f"{field}_{language}", "") or "").strip()


def gaps(objects, language):
    """(object, field name) pairs that are missing in ``language``."""
    missing = []
    for obj in objects:
        for field in translated_fields(type(obj)):
            if _text(obj, field, language):
                continue
            if any(_text(obj, field, other) for other in languages() if other != language):
                missing.append((obj, field))
    return missing


def completeness(objects):
    """Percentage of written texts present in each language, e.g. {"en": 100, "ru": 87}."""
    objects = list(objects)
    written = sum(
        1
        for obj in objects
        for field in translated_fields(type(obj))
        if any(_text(obj, field, language) for language in languages())
    )
    result = {}
    for language in languages():
        missing = len(gaps(objects, language))
        result[language] = 100 if written == 0 else int(100 * (written - missing) / written)
    return result


def incomplete_q(model, language, prefix=""):
    """A filter for rows of ``model`` with at least one text missing in ``language``."""
    conditions = []
    for field in translated_fields(model):
        empty_here = Q(**{f"{prefix}{field}_{language}": ""}) | Q(
            **{f"{prefix}{field}_{language}__isnull": True}
        )
        written_elsewhere = reduce(
            or_,
            (
                Q(**{f"{prefix}{field}_{other}__gt": ""})
                for other in languages()
                if other != language
            ),
        )
        conditions.append(empty_here & written_elsewhere)
    return reduce(or_, conditions)


def _written_q(field, prefix=""):
    return reduce(or_, (Q(**{f"{prefix}{field}_{code}__gt": ""}) for code in languages()))


def _missing_q(field, language, prefix=""):
    empty_here = Q(**{f"{prefix}{field}_{language}": ""}) | Q(
        **{f"{prefix}{field}_{language}__isnull": True}
    )
    elsewhere = [Q(**{f"{prefix}{field}_{o}__gt": ""}) for o in languages() if o != language]
    return empty_here & reduce(or_, elsewhere)


def _count(conditions):
    """The number of ``conditions`` a row meets, summed over the rows."""
    ones = [Case(When(c, then=Value(1)), default=Value(0)) for c in conditions]
    return Sum(reduce(lambda a, b: a + b, ones), output_field=IntegerField())


def completeness_by_owner(owner_ids, parts):
    """``{owner pk: {"en": 100, "ru": 87}}``, as ``completeness`` of each owner's objects.

    ``parts`` are ``(model, path from a row to its owner's pk)`` pairs, the owner itself
    included (path ``"pk"``). One aggregate query per model, however many rows the owners
    have: the list of meetings shows this for each of its rows.
    """
    owner_ids = list(owner_ids)
    totals = {pk: {"written": 0, **dict.fromkeys(languages(), 0)} for pk in owner_ids}
    for model, path in parts:
        fields = translated_fields(model)
        counts = {"written": _count([_written_q(f) for f in fields])}
        for code in languages():
            counts[code] = _count([_missing_q(f, code) for f in fields])
        link, owner_of = path, None
        if "__" in path:
            # Two steps (a speaker → its agenda item → the meeting): the rows' parents are
            # looked up first, so the database finds the rows by their parents' index
            # instead of joining all of them.
            link, rest = path.split("__", 1)
            parent = model._meta.get_field(link).related_model
            owner_of = dict(
                parent._default_manager.filter(**{f"{rest}__in": owner_ids}).values_list("pk", rest)
            )
        rows = (
            model._default_manager.filter(
                **{f"{link}__in": list(owner_of) if owner_of is not None else owner_ids}
            )
            .values(link)
            .annotate(**{f"count_{k}": v for k, v in counts.items()})
            .order_by()
        )
        for row in rows:
            total = totals[row[link] if owner_of is None else owner_of[row[link]]]
            for key in counts:
                total[key] += row[f"count_{key}"] or 0
    return {
        pk: {
            code: 100
            if not total["written"]
            else int(100 * (total["written"] - total[code]) / total["written"])
            for code in languages()
        }
        for pk, total in totals.items()
    }
