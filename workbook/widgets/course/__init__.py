"""The course's pages: the start page, each section's exercise and questions, the quick plan,
the whole plan with its drafts, the rules in plain words, the AI assistant's prompt, and the
before-you-leave card and call rehearsal."""
