"""The JSON Schema of the output, generated from the models (schemas/ holds a checked-in copy)."""

from __future__ import annotations

import json

from planparse.models import PlanDocument


def schema_json() -> str:
    schema = PlanDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/planparse/planparse/schemas/plan.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
