from modeltranslation.translator import TranslationOptions, register

from booths.models import EventPlace


@register(EventPlace)
class EventPlaceTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)
