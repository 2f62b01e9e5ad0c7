"""Leads: an inbound inquiry turned into a scored lead note, a conflict check and a drafted
reply, kept in a local pipeline and exported to the office's CRM."""
