"""L1–L4 evaluation, programme effectiveness, flags and alternatives."""
