"""Words the app says in more than one place, kept together so they stay kind and true."""

CARE_NOTE = (
    "reconnect is not therapy. If a hurt feels too big for the two of you, a couples "
    "therapist can help. If you ever feel unsafe with your partner, please contact local "
    "emergency services or a domestic-violence support line."
)
