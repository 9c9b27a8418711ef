"""Newsletter and subscription prompts: "Sign up for our weekly newsletter", "Subscribe now"."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class NewsletterCleaner(PhraseCleaner):
    name = "newsletter"
    description = "Newsletter sign-up boxes and subscription prompts."
    category = "newsletter"
    label = "newsletter prompt"
    run_gap = 2
