"""The roster: its entries, CSV/xlsx files, views, drafts from the solver, wishes, coverage."""

from bot.services.roster.coverage import Gap, gap_notices, gaps
from bot.services.roster.draft_cases import decide as decide_draft
from bot.services.roster.draft_cases import generate as generate_draft
from bot.services.roster.drafts import attach_message as attach_draft_message
from bot.services.roster.entries import Cell, assignments, store_cells
from bot.services.roster.problem import Team, build_team
from bot.services.roster.views import roster_view
from bot.services.roster.wishes import file_wish

__all__ = [
    "Cell",
    "Gap",
    "Team",
    "assignments",
    "attach_draft_message",
    "build_team",
    "decide_draft",
    "file_wish",
    "gap_notices",
    "gaps",
    "generate_draft",
    "roster_view",
    "store_cells",
]
