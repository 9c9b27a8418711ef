"""Photo credits and bare source lines: "Photo: Jane Doe/Reuters", "kremlin.ru", "© Agency"."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class CreditCleaner(PhraseCleaner):
    name = "credit"
    description = "Photo and image credits, copyright lines, bare domains and handles."
    category = "credit"
    label = "credit"
    short_words = 12
