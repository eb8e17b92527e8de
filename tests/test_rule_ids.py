"""Every rule id the code can report is registered, so it is documented and in SARIF."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from appeal.rules import RULES

PACKAGE = Path(__file__).parents[1] / "appeal"
#: The calls that make a problem, and the argument that holds its rule id.
MAKERS = {"Problem": 3, "problem": 1, "problem_at": 2, "add": 1, "located": 1}
RULE_ID = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def emitted() -> dict[str, str]:
    """Each rule id written as a literal where a problem is made, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in MAKERS:
                continue
            index = MAKERS[_name(node)]
            args = node.args[index : index + 1]
            args += [k.value for k in node.keywords if k.arg == "rule"]
            for arg in args:
                if isinstance(arg, ast.Constant) and RULE_ID.fullmatch(str(arg.value)):
                    where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                    found.setdefault(str(arg.value), where)
    return found


def test_every_rule_id_the_code_reports_is_registered() -> None:
    found = emitted()
    # The scan sees each way problems are made: the YAML reader, the structure
    # walk, the registry, recipient lists and templates.
    assert {"yaml-syntax", "unknown-key", "invalid-registry", "not-utf8", "template-syntax"} <= set(
        found
    )
    unregistered = {rule: where for rule, where in found.items() if rule not in RULES}
    assert not unregistered, f"reported but not registered in appeal.rules: {unregistered}"
