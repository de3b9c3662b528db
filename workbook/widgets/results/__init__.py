"""The results pages: a learner's analysis (`analysis`), sharing it with a workshop group
(`sharing`), and the facilitator's pooled group results (`group`)."""
