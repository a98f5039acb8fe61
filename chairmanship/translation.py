from modeltranslation.translator import TranslationOptions, register

from chairmanship.models import ChairmanshipTerm


@register(ChairmanshipTerm)
class ChairmanshipTermTranslationOptions(TranslationOptions):
    fields = ("priorities",)
