from modeltranslation.translator import TranslationOptions, register

from events.models import Fair, FairFigure, SideEvent


@register(Fair)
class FairTranslation(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "venue",
        "address",
        "organiser",
        "summary",
        "directions",
        "parking",
    )
    required_languages = ("vi",)


@register(FairFigure)
class FairFigureTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("vi",)


@register(SideEvent)
class SideEventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "room", "speakers")
    required_languages = ("vi",)
