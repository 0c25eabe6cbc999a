#!/usr/bin/env python3
"""Writes a dtab of about N MB (default 10) in the aligned form with comments, to stdout."""
import sys

target = int(float(sys.argv[1] if len(sys.argv) > 1 else 10) * 1024 * 1024)
out = ["# generated for the fmt benchmark\n", "/srv => /#/io.l5d.k8s/prod/http;\n", "/svc => /srv;\n"]
size = sum(len(x) for x in out)
i = 0
while size < target:
    if i % 50 == 0:
        line = f"\n# team {i // 50}\n"
    elif i % 7 == 0:
        line = f"/svc/svc-{i}/* => 0.9 * /srv/svc-{i} & 0.1 * /srv/svc-{i}-canary | /srv/fallback ; # canary\n"
    else:
        line = f"/svc/svc-{i}=>/srv/svc-{i}-v2|/srv/svc-{i};\n"
    out.append(line)
    size += len(line)
    i += 1
sys.stdout.write("".join(out))
