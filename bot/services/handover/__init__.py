"""Handover between shifts (交接班): notes for my shift, the handover sent to the shift taking
over (notes, open problem parcels, open swaps) with a Read button, and who has not read it."""

from bot.services.handover.cases import run
from bot.services.handover.reading import attach_message, mark_read, unread
from bot.services.handover.sending import hand_over
from bot.services.handover.views import HandoverView, Reader

__all__ = [
    "HandoverView",
    "Reader",
    "attach_message",
    "hand_over",
    "mark_read",
    "run",
    "unread",
]
