"""Leads: an inbound inquiry (e-mail, pasted text, web-form row) turned into a lead note.

* ``intake.read_inquiries(path)`` / ``intake.inquiry_from_text(text)`` -> ``Inquiry``
* ``rubric.load_rubric(path=None, office="law")`` -> ``Rubric`` (the office's criteria)
* ``conflicts.load_clients(path)`` -> ``ClientList``
* ``assess.assess(inquiry, rubric, clients=, earlier=, library=, backend=)`` -> ``LeadResult``
  (``as_json()`` is what the CLI prints and the pipeline stores)
"""
