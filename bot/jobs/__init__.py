"""The routines of the day: each job a plain function of `now`, and one scheduler that runs
them at the policy's times, each scheduled instant exactly once."""
