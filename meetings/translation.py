from modeltranslation.translator import TranslationOptions, register

from meetings.models import (
    AgendaItem,
    ConceptNoteSection,
    Decision,
    Meeting,
    MeetingDocument,
    OutcomeProtocol,
    Person,
    Speaker,
    Statement,
)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "venue", "city")
    required_languages = {"en": ("title",)}


@register(ConceptNoteSection)
class ConceptNoteSectionTranslationOptions(TranslationOptions):
    fields = ("heading", "body")
    required_languages = {"en": ("heading", "body")}


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "position", "organisation")
    required_languages = {"en": ("name",)}


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"en": ("title",)}


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(OutcomeProtocol)
class OutcomeProtocolTranslationOptions(TranslationOptions):
    fields = ("summary",)


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"en": ("text",)}


@register(MeetingDocument)
class MeetingDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = {"en": ("title",)}


@register(Statement)
class StatementTranslationOptions(TranslationOptions):
    fields = ("label", "summary")
