"""Navigation text: "Read more", related links, menus, "Most read", tags and advertisement labels."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class NavigationCleaner(PhraseCleaner):
    name = "navigation"
    description = "'Read more' and related-link lines, menus, tags, advertisement labels."
    category = "navigation"
    label = "navigation"
    short_words = 12
