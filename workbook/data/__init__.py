"""The data layer: where the learner's files live, the tracker store, import and analysis."""
