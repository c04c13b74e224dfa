"""Accounts, sign-in and permissions: who is asking (``principal``) and may they (``policy``)."""
