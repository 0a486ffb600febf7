from modeltranslation.translator import TranslationOptions, register

from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector


@register(IndustrialZone)
class IndustrialZoneTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("vi",)


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Exhibitor)
class ExhibitorTranslation(TranslationOptions):
    fields = ("name", "description", "address")
    required_languages = ("vi",)


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("vi",)
