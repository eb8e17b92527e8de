"""The error of the mail layer."""

from __future__ import annotations

from appeal.errors import AppealError


class MailError(AppealError):
    """A message cannot be made or sent: no address, a bad sender, bad server settings."""
