#!/usr/bin/env python3
"""Generates N Helm-style Deployments with comments (and a Service and a ConfigMap every 10th),
about 3.5 KB per Deployment: 10,000 give ~35 MB. Usage: gen.py N > manifest.yaml"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000


def extra_env(i):
    lines = []
    for k in range(10):
        lines.append(f"        # setting {k} of the application, documented in docs/settings.md#{k}\n")
        lines.append(f"        - name: SETTING_{k}\n          value: \"value-{i}-{k}\"\n")
    return "".join(lines)
out = sys.stdout
out.write("# Generated for mesh's inject benchmark.\n")
for i in range(n):
    out.write(f"""---
# Source: app-{i}/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: team-{i % 50}
  labels:
    app.kubernetes.io/name: app-{i}
    app.kubernetes.io/instance: release-{i}
    app.kubernetes.io/version: "1.{i % 10}.0"
    helm.sh/chart: app-0.1.{i % 7}
  annotations:
    deployment.kubernetes.io/revision: "{i % 9 + 1}"
spec:
  replicas: {i % 5 + 1}  # scaled by the HPA
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app.kubernetes.io/name: app-{i}
      app.kubernetes.io/instance: release-{i}
  strategy:
    type: RollingUpdate
    rollingUpdate: {{maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-{i}
        app.kubernetes.io/instance: release-{i}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9102"
    spec:
      serviceAccountName: app-{i}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
      - name: app
        image: "registry.example.com/team-{i % 50}/app:1.{i % 10}.0"
        imagePullPolicy: IfNotPresent
        args: ["--port", "8080", "--log-level", "info"]
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        - name: metrics
          containerPort: 9102
        env:
        - name: FEATURE_FLAG
          value: "on"   # must stay a string
        - name: FILE_MODE
          value: "0755"
        - name: RELEASE
          value: "yes"
{extra_env(i)}        livenessProbe:
          httpGet: {{path: /healthz, port: http}}
          initialDelaySeconds: 10
        readinessProbe:
          httpGet:
            path: /ready
            port: http
        resources:
          limits: {{cpu: 500m, memory: 256Mi}}
          requests:
            cpu: 100m
            memory: 128Mi
        volumeMounts:
        - name: config
          mountPath: /etc/app
          readOnly: true
      - name: sidecar
        image: registry.example.com/log-shipper:2.3
        args:
        - --input=/var/log/app
        - --output=stdout
        resources: {{}}
      volumes:
      - name: config
        configMap:
          name: app-{i}
          defaultMode: 0644
""")
    if i % 10 == 0:
        out.write(f"""---
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
spec:
  selector:
    app.kubernetes.io/name: app-{i}
  ports:
  - name: http
    port: 80
    targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-{i}
data:
  app.yaml: |
    # application settings
    listen: ":8080"
    upstreams:
      - http://users.team-{i % 50}.svc.cluster.local
      - http://orders.team-{i % 50}.svc.cluster.local
  run.sh: |
    #!/bin/sh
    exec /app --config /etc/app/app.yaml
""")
