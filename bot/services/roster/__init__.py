"""The roster: its entries, CSV/xlsx files, views, drafts from the solver, wishes, coverage."""

from bot.services.roster.breaches import breach
from bot.services.roster.coverage import Gap, gap_notices, gaps
from bot.services.roster.draft_cases import decide as decide_draft
from bot.services.roster.draft_cases import generate as generate_draft
from bot.services.roster.drafts import attach_message as attach_draft_message
from bot.services.roster.entries import Cell, assignments, read_shift
from bot.services.roster.fixed import Fixed, load_fixed, write_cells
from bot.services.roster.problem import Team, build_team
from bot.services.roster.views import roster_view
from bot.services.roster.wishes import file_wish

__all__ = [
    "Cell",
    "Fixed",
    "Gap",
    "Team",
    "assignments",
    "attach_draft_message",
    "breach",
    "build_team",
    "decide_draft",
    "file_wish",
    "gap_notices",
    "gaps",
    "generate_draft",
    "load_fixed",
    "read_shift",
    "roster_view",
    "write_cells",
]
