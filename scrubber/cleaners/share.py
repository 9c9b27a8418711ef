"""Share prompts: "Share this article", rows of social network names, "Follow us on …"."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class ShareCleaner(PhraseCleaner):
    name = "share"
    description = "Share bars and follow-us prompts."
    category = "share"
    label = "share prompt"
    short_words = 15
