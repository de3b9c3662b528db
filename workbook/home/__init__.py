"""The learner's folder: where data lives (`roots`), who a workshop room admits (`room`), the
learner's own folder (`folders`), and what is kept in it (answers, the workspace's notebooks,
the take-away files). Each module imports only those listed before it."""
