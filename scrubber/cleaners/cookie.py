"""Cookie and consent notices: "We use cookies…", "Accept all"."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class CookieCleaner(PhraseCleaner):
    name = "cookie"
    description = "Cookie banners and consent notices."
    category = "cookie"
    label = "cookie notice"
    short_words = 40
    run_gap = 2
