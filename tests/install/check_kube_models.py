#!/usr/bin/python3
"""Checks v1 Lists of Kubernetes objects (stdin: one or more JSON documents, one after another)
against Kubernetes' typed API models; problems are printed as "[N] kind/name...", N counting the
documents from 0.

Each object is decoded with python3-kubernetes' model for its apiVersion and kind (required fields
are enforced by the models), serialised back and compared with the original: a field the model
does not know, or a misspelt one, is dropped and so shows up as a difference. apiVersion and kind
must be on the allow-list of what Kubernetes 1.25 and later serve.

Exit: 0 all good, 1 problems (printed), 77 python3-kubernetes is not installed (the test skips).
"""
import json
import sys

try:
    from kubernetes import client
except ImportError:
    print("python3-kubernetes is not installed", file=sys.stderr)
    sys.exit(77)

SERVED_SINCE_1_25 = {
    ("v1", "Namespace"), ("v1", "ServiceAccount"), ("v1", "ConfigMap"), ("v1", "Service"),
    ("v1", "Secret"), ("apps/v1", "DaemonSet"), ("apps/v1", "Deployment"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
}


def model_class(api_version, kind):
    version = api_version.split("/")[-1]
    return getattr(client, version.capitalize() + kind)


def differences(original, roundtrip, path=""):
    if isinstance(original, dict) and isinstance(roundtrip, dict):
        for key in sorted(set(original) | set(roundtrip)):
            if key not in roundtrip:
                yield f"{path}.{key}: dropped by the model (unknown or misspelt field)"
            elif key not in original:
                yield f"{path}.{key}: added by the model"
            else:
                yield from differences(original[key], roundtrip[key], f"{path}.{key}")
    elif isinstance(original, list) and isinstance(roundtrip, list) and len(original) == len(roundtrip):
        for i, (a, b) in enumerate(zip(original, roundtrip)):
            yield from differences(a, b, f"{path}[{i}]")
    elif original != roundtrip or type(original) is not type(roundtrip):
        yield f"{path}: {original!r} came back as {roundtrip!r}"


def check(obj, api):
    name = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
    key = (obj.get("apiVersion"), obj.get("kind"))
    if key not in SERVED_SINCE_1_25:
        return [f"{name}: {key[0]} {key[1]} is not served by Kubernetes 1.25+"]
    try:
        model = api._ApiClient__deserialize(obj, model_class(*key).__name__)
    except (ValueError, TypeError) as error:  # a required field is missing or has the wrong type
        return [f"{name}: {error}"]
    problems = [f"{name}{d}" for d in differences(obj, api.sanitize_for_serialization(model))]
    spec = obj.get("spec", {})
    if "template" in spec:
        selector = spec.get("selector", {}).get("matchLabels", {})
        labels = spec["template"].get("metadata", {}).get("labels", {})
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            problems.append(f"{name}: spec.selector does not select the pod template's labels")
    return problems


def documents(text):
    decoder, at = json.JSONDecoder(), 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        document, at = decoder.raw_decode(text, at)
        yield document


def main():
    api = client.ApiClient()
    problems, count = [], 0
    for index, document in enumerate(documents(sys.stdin.read())):
        count += 1
        if document.get("apiVersion") != "v1" or document.get("kind") != "List" or not document.get("items"):
            problems.append(f"[{index}] not a non-empty v1 List")
            continue
        problems += [f"[{index}] {p}" for obj in document["items"] for p in check(obj, api)]
    if count == 0:
        problems.append("no documents on stdin")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
