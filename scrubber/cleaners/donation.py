"""Donation and membership appeals: "Support us", "Dear readers, … please give monthly", amount buttons."""

from scrubber.cleaners.phrase_cleaner import PhraseCleaner


class DonationCleaner(PhraseCleaner):
    name = "donation"
    description = "Donation and membership appeals, including multi-paragraph asks and their buttons."
    category = "donation"
    label = "donation appeal"
    run_gap = 3
