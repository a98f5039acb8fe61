"""How complete each language is: which texts exist in one language but not in another.

A text counts as missing in a language when it is empty there but written in another one;
a field empty in every language is not a gap (it is simply not filled in).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
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
