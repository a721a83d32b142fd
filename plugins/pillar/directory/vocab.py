"""Plain-language labels for the schema's fixed values (service types, cost, platforms …).

The schemas decide which values exist; this table only says how each is shown. A test checks
that both list the same values.
"""

TYPE_EXPLANATIONS = {
    "O": "Anyone may come, including family, friends and people who are curious.",
    "C": "Only for people who want to stop drinking or using (for family groups: people affected by "
         "someone else's drinking or using).",
    "OPEN": "Anyone may come, including family, friends and people who are curious.",
    "CLOSED": "Only for people who want to stop using, or think they may have a problem.",
    "D": "People take turns sharing; you can just listen.",
    "SP": "One or more members tell their story.",
    "BE": "Meant for people who are new.",
    "BEG": "Meant for people who are new.",
    "B": "The group reads from and talks about the book Alcoholics Anonymous.",
    "ST": "The group studies one of the Twelve Steps.",
    "TC": "The building is closed for now; check whether the group meets online.",
    "X": "The room can be reached without stairs.",
}
"""Short explanations shown under some type labels on meeting pages."""

ATTENDANCE = {"in_person": "In person", "online": "Online", "hybrid": "In person and online"}
STATUS = {"active": "Active", "temporarily_closed": "Temporarily closed"}
SERVICE_TYPES = {
    "peer_coaching": "Peer recovery coaching",
    "case_management": "Case management",
    "recovery_education": "Recovery education workshops",
    "peer_aftercare": "Peer-led aftercare",
    "family_support": "Family support",
    "recovery_housing": "Recovery housing support",
    "employment_support": "Help with work and school",
    "recovery_community_center": "Recovery community center",
    "harm_reduction": "Harm reduction",
    "warmline": "Peer warmline (call to talk)",
}
SERVES = {
    "everyone": "Everyone",
    "young_adults": "Young adults",
    "veterans": "Veterans",
    "women": "Women",
    "men": "Men",
    "lgbtq": "LGBTQ+ people",
    "co_occurring": "People with mental health conditions too",
    "families": "Families and friends",
    "justice_involved": "People involved with the justice system",
    "seniors": "Older adults",
    "parents": "Parents",
    "bipoc": "Black, Indigenous and people of colour",
    "deaf_hard_of_hearing": "Deaf and hard of hearing people",
    "people_who_use_drugs": "People who use drugs",
}
SERVICE_COST = {
    "free": "Free",
    "sliding_scale": "Sliding scale",
    "insurance": "Private insurance",
    "medicaid": "Medicaid",
    "fee": "Fee",
}
COMMUNITY_COST = {"free": "Free", "donation": "Donations welcome", "paid": "Paid"}
PLATFORM = {
    "forum": "Forum",
    "chat": "Chat",
    "video": "Video meetings",
    "app": "App",
    "phone": "Phone",
    "social": "Social media group",
}
AVAILABILITY = {"always": "Open 24/7", "scheduled": "At set times"}
MODERATION = {
    "peer": "Moderated by peers",
    "professional": "Moderated by professionals",
    "mixed": "Moderated by peers and professionals",
    "none": "Not moderated",
}
LANGUAGES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
    "vi": "Vietnamese", "zh": "Chinese", "ko": "Korean", "ru": "Russian", "ar": "Arabic",
    "so": "Somali", "hmn": "Hmong", "tl": "Tagalog", "sgn-US": "American Sign Language",
}


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)
