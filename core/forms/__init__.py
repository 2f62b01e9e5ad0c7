"""Extract: structured fields from documents, every value copied from the page with its source.

The API the window and the CLI use:

Built on ``core.fields`` (candidates, choice under a grammar, normalisation, templates).

* ``core.fields.templates.list_templates(user_dir)``, ``get_template(name)``, ``load_schema_file(path)``
* ``engine.extract_document(path, template, backend)``: a generator yielding
  ``core.fields.records.ExtractProgress`` and returning a ``core.fields.records.ExtractionResult``
  (``engine.extract_many`` does a batch; one failing file never stops the rest)
* ``store.ResultsStore(settings.extract_path)``: results kept with reviewed edits beside originals
* ``export.to_csv`` / ``export.to_json``: one row / object per document
"""
