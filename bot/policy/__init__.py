"""The team's rules, read from a TOML policy file."""

from bot.policy.describe import describe_policy
from bot.policy.load import PolicyError, load_policy, parse_policy
from bot.policy.model import Policy, ShiftConfig
from bot.policy.rules import AbsenceStep, TierConfig

__all__ = [
    "AbsenceStep",
    "Policy",
    "PolicyError",
    "ShiftConfig",
    "TierConfig",
    "describe_policy",
    "load_policy",
    "parse_policy",
]
