"""Annual plan (RPK), individual plans (IDP), scenarios and the optimised allocation."""
