"""Names of the ledger's rules in the reader's language, for templates."""

from __future__ import annotations

from collections.abc import Callable

from bot.policy import Policy
from bot.render.text import Lang

_BUILT_IN: dict[str, dict[Lang, str]] = {
    "late": {"zh": "迟到", "en": "late arrival"},
    "early": {"zh": "早退", "en": "early leave"},
    "makeup_out": {"zh": "超额下班补卡", "en": "leaving make-up over the quota"},
}


def rule_labeler(policy: Policy, lang: Lang) -> Callable[[str], str]:
    """Return a function naming a rule code: built-in ones, then the policy's catalogue."""
    catalogue = {r.code: (r.name if lang == "zh" else r.name_en) for r in policy.fines}

    def label(code: str) -> str:
        built_in = _BUILT_IN.get(code)
        return built_in[lang] if built_in else catalogue.get(code, code)

    return label
