"""Every Slack identifier the bot registers: commands, action IDs, callback IDs."""

from __future__ import annotations

CLOCK = "/clock"
ROSTER = "/roster"
SWAP = "/swap"
LEAVE = "/leave"
PENALTY = "/penalty"
PARCEL = "/parcel"
HANDOVER = "/handover"
KEFU = "/kefu"

ALL_COMMANDS = (CLOCK, ROSTER, SWAP, LEAVE, PENALTY, PARCEL, HANDOVER, KEFU)

EVENT_APP_HOME_OPENED = "app_home_opened"
# A message with files attached: a photo shared with a waybill in its text (问题件照片).
EVENT_MESSAGE = "message"
# A direct message to the bot (the event `message` in an `im` channel), read as a command.
EVENT_MESSAGE_IM = "message.im"
EVENT_USER_CHANGE = "user_change"  # a member changed their profile (their language, say)
SUBTYPE_FILE_SHARE = "file_share"

# Buttons. The value of each is the ID of the request or ledger entry it acts on.
APPROVE = "request_approve"
REJECT = "request_reject"
CANCEL_REQUEST = "request_cancel"
APPEAL = "fine_appeal"
MARK_PAID = "fine_paid"
# Swaps: pick a suggested counterpart (value: the option), the counterpart's answer.
SWAP_PICK = "swap_pick"
SWAP_ACCEPT = "swap_accept"
SWAP_DECLINE = "swap_decline"
# A generated roster draft (value: the draft ID).
DRAFT_PUBLISH = "draft_publish"
DRAFT_DISCARD = "draft_discard"
# A missed-call round (value: the round ID): whoever called back confirms it.
CALLS_DONE = "calls_done"
# A handover DM (value: the handover ID): its reader confirms having read it (已读).
HANDOVER_READ = "handover_read"
# The App Home's clock buttons (value unused): the same punch as `/clock in` / `/clock out`.
HOME_CLOCK_IN = "home_clock_in"
HOME_CLOCK_OUT = "home_clock_out"

# Forms (modals). FORM_OPEN's value names the form ("leave", "makeup", "parcel", "fine",
# "swap"); each form's view carries its callback ID, and the swap form's date picker
# redraws the form with the solver's options.
FORM_OPEN = "form_open"
FORM_LEAVE = "form_leave"
FORM_MAKEUP = "form_makeup"
FORM_PARCEL = "form_parcel"
FORM_FINE = "form_fine"
FORM_SWAP = "form_swap"
FORM_SWAP_DAY = "form_swap_day"
# Shortcuts (declared in manifest.yml): log a problem parcel from anywhere, or from a
# message (its waybill and photo filled in).
SHORTCUT_PARCEL = "parcel_log"
SHORTCUT_PARCEL_MESSAGE = "parcel_log_message"
