"""The team's rules, read from a TOML policy file."""

from bot.policy.load import PolicyError, describe_policy, load_policy, parse_policy, yuan
from bot.policy.model import (
    AbsenceStep,
    Policy,
    ShiftConfig,
    TierConfig,
)

__all__ = [
    "AbsenceStep",
    "Policy",
    "PolicyError",
    "ShiftConfig",
    "TierConfig",
    "describe_policy",
    "load_policy",
    "parse_policy",
    "yuan",
]
