#include "libmesh/webhook/manifests.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::webhook {

namespace {

constexpr const char* k_tls_dir = "/etc/mesh-webhook/tls";

bool dns_label(const std::string& s) {
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// A JSON string is a YAML double-quoted scalar: user text can never break out of its value.
std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

}  // namespace

std::vector<std::string> service_dns_names(const ManifestOptions& o) {
    return {fmt::format("{}.{}.svc", o.name, o.namespace_),
            fmt::format("{}.{}.svc.cluster.local", o.name, o.namespace_), fmt::format("{}.{}", o.name, o.namespace_),
            o.name};
}

std::size_t memory_limit_mib(const ManifestOptions& o) {
    constexpr std::size_t k_mib = 1u << 20;
    const std::size_t reviews = o.threads * 10 * o.max_body_bytes;
    return std::max<std::size_t>(256, 64 + (reviews + k_mib - 1) / k_mib);
}

core::Result<std::string> render_manifests(const ManifestOptions& o) {
    if (!dns_label(o.name)) return core::usage_error(fmt::format("--name '{}' is not a DNS-1123 label", o.name));
    if (!dns_label(o.namespace_))
        return core::usage_error(fmt::format("--namespace '{}' is not a DNS-1123 label", o.namespace_));
    if (o.image.empty()) return core::usage_error("--image is empty");
    if (o.failure_policy != "Ignore" && o.failure_policy != "Fail")
        return core::usage_error("--failure-policy must be Ignore or Fail");
    if (o.timeout_seconds < 1 || o.timeout_seconds > 30) return core::usage_error("--timeout-seconds must be 1 to 30");
    std::string secret = o.name + "-tls";
    std::string args;
    for (const std::string& a : std::vector<std::string>{"webhook", "serve", "--listen", ":8443", "--tls-cert",
                                                         fmt::format("{}/tls.crt", k_tls_dir), "--tls-key",
                                                         fmt::format("{}/tls.key", k_tls_dir)})
        args += fmt::format("        - {}\n", quoted(a));
    args += fmt::format("        - \"--threads={}\"\n        - \"--max-body-bytes={}\"\n", o.threads, o.max_body_bytes);
    for (const auto& a : o.serve_args) args += fmt::format("        - {}\n", quoted(a));

    std::string out;
    if (o.serving)
        out += fmt::format(R"(apiVersion: v1
kind: Secret
metadata:
  name: {secret}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
type: kubernetes.io/tls
data:
  tls.crt: {crt}
  tls.key: {key}
---
)",
                           fmt::arg("secret", secret), fmt::arg("ns", o.namespace_), fmt::arg("name", o.name),
                           fmt::arg("crt", core::base64_encode(o.serving->cert)),
                           fmt::arg("key", core::base64_encode(o.serving->key)));
    out += fmt::format(
        R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
      annotations:
        # The webhook must never wait on itself.
        linkerd.io/inject: disabled
        prometheus.io/scrape: "true"
        prometheus.io/scheme: https
        prometheus.io/port: "8443"
    spec:
      terminationGracePeriodSeconds: 30
      containers:
      - name: webhook
        image: {image}
        command:
        - mesh
        args:
{args}        ports:
        - name: https
          containerPort: 8443
        readinessProbe:
          httpGet:
            path: /readyz
            port: https
            scheme: HTTPS
        livenessProbe:
          httpGet:
            path: /healthz
            port: https
            scheme: HTTPS
        resources:
          requests:
            cpu: 50m
            memory: 32Mi
          limits:
            # 64Mi + --threads {threads} x 10 x --max-body-bytes {body}, at least 256Mi
            memory: {memory}Mi
        securityContext:
          runAsNonRoot: true
          runAsUser: 65532
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop:
            - ALL
        volumeMounts:
        - name: tls
          mountPath: {tls_dir}
          readOnly: true
      volumes:
      - name: tls
        secret:
          secretName: {secret}
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
  - name: https
    port: 443
    targetPort: https
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
{cert_manager}webhooks:
- name: inject.mesh.l5d.io
  admissionReviewVersions:
  - v1
  sideEffects: None
  failurePolicy: {failure_policy}
  timeoutSeconds: {timeout}
  reinvocationPolicy: Never
  namespaceSelector:
    matchLabels:
      linkerd.io/inject: enabled
  clientConfig:
    service:
      name: {name}
      namespace: {ns}
      path: /inject
      port: 443
{ca_bundle}  rules:
  - operations:
    - CREATE
    apiGroups:
    - ""
    apiVersions:
    - v1
    resources:
    - pods
    scope: Namespaced
)",
        fmt::arg("name", o.name), fmt::arg("ns", o.namespace_), fmt::arg("replicas", o.replicas),
        fmt::arg("image", quoted(o.image)), fmt::arg("args", args), fmt::arg("tls_dir", k_tls_dir),
        fmt::arg("secret", secret), fmt::arg("failure_policy", o.failure_policy),
        fmt::arg("timeout", o.timeout_seconds), fmt::arg("threads", o.threads),
        fmt::arg("body", o.max_body_bytes % (1u << 20) == 0 ? fmt::format("{}Mi", o.max_body_bytes >> 20)
                                                            : fmt::format("{}", o.max_body_bytes)),
        fmt::arg("memory", memory_limit_mib(o)),
        fmt::arg("cert_manager", o.ca_bundle
                                     ? ""
                                     : fmt::format("  annotations:\n    cert-manager.io/inject-ca-from: {}/{}\n",
                                                   o.namespace_, o.name)),
        fmt::arg("ca_bundle", o.ca_bundle ? fmt::format("    caBundle: {}\n", core::base64_encode(*o.ca_bundle)) : ""));
    return out;
}

}  // namespace mesh::webhook
