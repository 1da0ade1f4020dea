#!/usr/bin/env python3
"""Validates a dev realm request log (JSON lines with decoded params and response bodies)
against Zulip's OpenAPI description (zulip.yaml): parameter names, their types and the JSON
encoding of their values, and every answer's schema, error answers included.

usage: validate_contract.py ZULIP_YAML REQUEST_LOG
Exit codes: 0 all conform, 1 violations (each printed on one line), 77 zulip.yaml is absent.
"""
import json
import re
import sys

SKIP = 77

# Places where zulip.yaml contradicts itself or the server; applied before validating, and
# printed, so a reader sees exactly what was relaxed.
ERRATA = [
    ("components/schemas/RateLimitedError: retry-after is typed integer, but the server sends "
     "seconds as a float (the schema's own example: 28.706807374954224)",
     lambda spec: spec["components"]["schemas"]["RateLimitedError"]["allOf"][1]["properties"]
     ["retry-after"].__setitem__("type", "number")),
]


def load_yaml(path):
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


class Contract:
    def __init__(self, spec):
        self.spec = spec
        self.paths = []
        for template, item in spec["paths"].items():
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            self.paths.append((re.compile(pattern), template, item))
        self.error_schemas = {name: self.schema({"$ref": "#/components/schemas/" + name})
                              for name in spec["components"]["schemas"] if name.endswith("Error")}

    def ref(self, ref):
        node = self.spec
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    # --- schemas: $ref and allOf resolved, OpenAPI 3.0 turned into JSON Schema ----------
    def schema(self, node, depth=0):
        if depth > 60:
            raise RecursionError("schema nesting too deep")
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return self.schema(self.ref(node["$ref"]), depth + 1)
        if "allOf" in node:
            merged = {}
            for part in node["allOf"]:
                merged = merge(merged, self.schema(part, depth + 1))
            rest = {k: v for k, v in node.items() if k != "allOf"}
            return self.schema(merge(merged, rest), depth + 1) if rest else merged
        out = {}
        for key, value in node.items():
            if key in ("properties",):
                out[key] = {k: self.schema(v, depth + 1) for k, v in value.items()}
            elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
                out[key] = self.schema(value, depth + 1)
            elif key in ("oneOf", "anyOf"):
                # Zulip's variants overlap in places (its own tests accept any match).
                out["anyOf"] = [self.schema(v, depth + 1) for v in value]
            elif key in ("example", "examples", "description", "deprecated", "nullable"):
                continue
            else:
                out[key] = value
        if node.get("nullable"):
            out = {"anyOf": [out, {"type": "null"}]}
        return out

    def find(self, method, path):
        api = path[len("/api/v1"):] if path.startswith("/api/v1/") else None
        if api is None:
            return None, None
        for pattern, template, item in self.paths:
            if pattern.match(api) and method.lower() in item:
                return template, item[method.lower()]
        return api, None

    def parameters(self, op):
        """name -> (schema, json_encoded, required)"""
        out = {}
        for p in op.get("parameters", []):
            p = self.ref(p["$ref"]) if "$ref" in p else p
            if "content" in p:
                out[p["name"]] = (self.schema(p["content"]["application/json"]["schema"]), True,
                                  p.get("required", False))
            else:
                out[p["name"]] = (self.schema(p.get("schema", {})), False, p.get("required", False))
        form = op.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
        if form:
            body = self.schema(form["schema"])
            encoding = form.get("encoding", {})
            required = set(body.get("required", []))
            for name, prop in body.get("properties", {}).items():
                json_encoded = encoding.get(name, {}).get("contentType") == "application/json"
                out[name] = (prop, json_encoded, name in required)
        return out


def merge(a, b):
    """allOf the way Zulip's own tooling reads it: properties united (an empty `{}` only says
    "allowed"), required united, additionalProperties false if any part says so."""
    out = dict(a)
    for key, value in b.items():
        if key == "properties":
            props = dict(out.get("properties", {}))
            for name, schema in value.items():
                if name not in props or props[name] == {}:
                    props[name] = schema
                elif schema != {}:
                    props[name] = merge(props[name], schema)
            out["properties"] = props
        elif key == "required":
            out["required"] = sorted(set(out.get("required", [])) | set(value))
        elif key == "additionalProperties":
            if out.get("additionalProperties", True) is not False:
                out["additionalProperties"] = value
        elif key not in out:
            out[key] = value
    return out


def check_value(name, raw, schema, json_encoded, validator_cls):
    """One sentence if the form/query value does not match, else None."""
    types = schema.get("type")
    if json_encoded or types in ("integer", "number", "boolean", "array", "object"):
        try:
            value = json.loads(raw)
        except ValueError:
            return f"parameter {name}={raw!r} is not JSON-encoded (Zulip decodes it as JSON)"
        if types == "integer" and not re.fullmatch(r"-?\d+", raw.strip()):
            return f"parameter {name}={raw!r} is not a JSON integer"
    else:
        value = raw
    errors = sorted(validator_cls(schema).iter_errors(value), key=lambda e: e.path)
    if errors:
        return f"parameter {name}={raw!r}: {errors[0].message}"
    return None


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    yaml_path, log_path = argv[1], argv[2]
    try:
        spec = load_yaml(yaml_path)
    except FileNotFoundError:
        print(f"SKIP: {yaml_path} is absent; the contract test needs Zulip's OpenAPI file")
        return SKIP
    import jsonschema
    validator_cls = jsonschema.Draft4Validator
    for text, fix in ERRATA:
        try:
            fix(spec)
            print("erratum applied:", text)
        except (KeyError, IndexError, TypeError):
            print("erratum no longer applies (the file changed):", text)
    contract = Contract(spec)

    problems, checked, skipped = [], 0, 0
    with open(log_path, encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    if not entries:
        print(f"FAIL: {log_path} holds no requests")
        return 1
    for n, e in enumerate(entries, 1):
        where = f"#{n} {e['method']} {e['path']} -> {e['status']}"
        if not e["path"].startswith("/api/v1/") or e.get("fault") or e["status"] == 0:
            skipped += 1  # control API, avatars, injected faults, abandoned requests
            continue
        template, op = contract.find(e["method"], e["path"])
        if op is None:
            problems.append(f"{where}: no such operation in the contract")
            continue
        checked += 1
        params = contract.parameters(op)
        sent = dict(e.get("query", {}))
        sent.update(e.get("form", {}))
        for name, raw in sent.items():
            if name not in params:
                problems.append(f"{where}: parameter {name!r} is not in the contract")
                continue
            if raw == "***":
                continue  # masked secret
            schema, json_encoded, _ = params[name]
            problem = check_value(name, raw, schema, json_encoded, validator_cls)
            if problem:
                problems.append(f"{where}: {problem}")
        if e["status"] < 400:
            for name, (_, _, required) in params.items():
                if required and name not in sent:
                    problems.append(f"{where}: required parameter {name!r} missing")

        body = e.get("response")
        if body is None:
            problems.append(f"{where}: the log has no response body (run with logResponseBodies)")
            continue
        if not isinstance(body, dict):
            problems.append(f"{where}: the answer is not a JSON object")
            continue
        declared = op["responses"].get(str(e["status"])) or op["responses"].get("default")
        if declared and "$ref" in declared:
            declared = contract.ref(declared["$ref"])
        if declared and "application/json" in declared.get("content", {}):
            schema = contract.schema(declared["content"]["application/json"]["schema"])
            errors = sorted(validator_cls(schema).iter_errors(body), key=lambda x: list(x.path))
            for error in errors[:3]:
                at = "/".join(str(p) for p in error.absolute_path) or "(top)"
                problems.append(f"{where}: answer at {at}: {error.message[:300]}")
        elif e["status"] >= 400:
            # Undeclared here: it must be one of the error shapes Zulip documents.
            if not any(validator_cls(s).is_valid(body) for s in contract.error_schemas.values()):
                problems.append(f"{where}: error answer {json.dumps(body)[:200]} matches none of "
                                f"the contract's error schemas")
        else:
            problems.append(f"{where}: status {e['status']} is not declared for {template}")

    for p in problems:
        print("FAIL:", p)
    print(f"{checked} requests checked against {yaml_path}, {skipped} skipped (faults, control, "
          f"abandoned), {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
