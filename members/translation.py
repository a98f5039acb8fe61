from modeltranslation.translator import TranslationOptions, register

from members.models import Membership, Participant


@register(Participant)
class ParticipantTranslationOptions(TranslationOptions):
    fields = ("name", "official_name", "description")
    required_languages = {"en": ("name",)}


@register(Membership)
class MembershipTranslationOptions(TranslationOptions):
    fields = ("source",)
