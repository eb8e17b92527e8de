"""``appeal schema``: the JSON Schema of a case file, for editors."""

from __future__ import annotations

import sys

from appeal.cli.app import Command, app


@app.command(cls=Command)
def schema() -> None:
    """Print the JSON Schema (draft-07) of a case file.

    Save it beside the cases (appeal schema > case.schema.json) and point
    yaml-language-server at it, with a modeline at the top of a case file:

      # yaml-language-server: $schema=../case.schema.json
    """
    from appeal.schema import case_schema, dumps

    sys.stdout.write(dumps(case_schema()))
