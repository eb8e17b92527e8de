"""Letter templates: where they are, their words per language, and rendering them.

- :mod:`.lookup` finds a template's folder and its letterhead (no Jinja2, so
  that checking a case stays quick);
- :mod:`.languages` reads a case's language tag (``fr``, ``pt-BR``);
- :mod:`.translations` reads a template's fixed words in each language;
- :mod:`.datelines` writes the place and date as each language does;
- :mod:`.environment` is the sandboxed Jinja2 environment that turns a case
  into the letter's Markdown.

The rules about templates (:mod:`appeal.rules.templates`) call into these.
"""
