"""Problem parcels (问题件): the register, notes and clocks, closing and transfers, the monthly
report, the handover list."""

from bot.services.parcels.cases import Outcome, parcel_command
from bot.services.parcels.demo import load_demo_parcels
from bot.services.parcels.followup import FollowUp, followup, newly_due
from bot.services.parcels.handover import open_for_leaving_shift
from bot.services.parcels.records import ParcelRefused, attach_photos
from bot.services.parcels.report import monthly_report, write_report
from bot.services.parcels.views import ParcelList, ParcelView, list_parcels
from bot.services.parcels.views import counts as parcel_counts
from bot.services.parcels.views import logged_and_closed as parcels_logged_and_closed

__all__ = [
    "FollowUp",
    "Outcome",
    "ParcelList",
    "ParcelRefused",
    "ParcelView",
    "attach_photos",
    "followup",
    "list_parcels",
    "load_demo_parcels",
    "monthly_report",
    "newly_due",
    "open_for_leaving_shift",
    "parcel_counts",
    "parcels_logged_and_closed",
    "parcel_command",
    "write_report",
]
