#include "libmesh/inject/pod_plan.hpp"

#include <map>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/inject/pod_checks.hpp"
#include "libmesh/manifest/tree_editor.hpp"

namespace mesh::inject {

using manifest::k_no_node;
using manifest::NewValue;
using manifest::NodeId;
using manifest::NodeKind;
using manifest::YamlTree;

namespace {

// An env var injection wants: either a Downward API field or a literal value.
struct WantedVar {
    std::string name;
    std::string field_path;  // set for Downward API vars
    std::string value;       // set for literal vars
    bool refers_to_node_name = false;

    NewValue entry() const {
        if (!field_path.empty())
            return NewValue::map(
                {{"name", NewValue::string(name)},
                 {"valueFrom",
                  NewValue::map({{"fieldRef", NewValue::map({{"fieldPath", NewValue::string(field_path)}})}})}});
        return NewValue::map({{"name", NewValue::string(name)}, {"value", NewValue::string(value)}});
    }
};

std::vector<WantedVar> wanted_vars(const InjectConfig& config) {
    std::string proxy = fmt::format("$(NODE_NAME):{}", config.proxy_port);
    std::vector<WantedVar> vars{{"NODE_NAME", "spec.nodeName", "", false},
                                {"POD_IP", "status.podIP", "", false},
                                {"http_proxy", "", proxy, true}};
    for (const auto& name : config.extra_proxy_env)
        if (name != "http_proxy") vars.push_back({name, "", proxy, true});
    if (config.no_proxy) vars.push_back({"no_proxy", "", *config.no_proxy, false});
    return vars;
}

class Planner {
public:
    Planner(const YamlTree& tree, const manifest::DocumentOrigin& origin, const PodTemplate& workload,
            const InjectConfig& config)
        : m_tree(tree), m_origin(origin), m_workload(workload), m_config(config) {}

    core::Result<PodPlan> run();

private:
    const YamlTree& m_tree;
    const manifest::DocumentOrigin& m_origin;
    const PodTemplate& m_workload;
    const InjectConfig& m_config;
    PodPlan m_plan;

    // A proxy variable left pointing elsewhere sends the container's traffic around Linkerd.
    void not_routed(const std::string& container, const std::string& var, const std::string& why) {
        m_plan.not_routed.push_back(fmt::format("container {} keeps its own {}: {}", container, var, why));
    }
    core::Error error(NodeId at, const std::string& message) const {
        return manifest::document_error(m_tree, m_origin, at == k_no_node ? 0 : m_tree[at].start,
                                        fmt::format("{} {}: {}", m_workload.kind, m_workload.name, message));
    }
    // A node injection edits must be a real node, not an alias, and not part of an anchored subtree.
    core::Result<void> editable(NodeId id, NodeKind kind, const std::string& what) const {
        const auto& node = m_tree[id];
        if (node.kind == NodeKind::Alias)
            return tl::unexpected(error(id, what + " is a YAML alias; mesh will not edit through aliases"));
        if (m_tree.inside_anchor(id))
            return tl::unexpected(
                error(id, what + " is inside a YAML anchor (&name); editing it would also change every alias of it"));
        if (node.kind == NodeKind::Null)
            return tl::unexpected(error(id, what + " is empty (null); give it a value or remove the key"));
        if (node.kind != kind)
            return tl::unexpected(
                error(id, fmt::format("{} must be a {}", what, kind == NodeKind::Map ? "map" : "list")));
        return {};
    }
    core::Result<void> plan_container_env(NodeId container, std::size_t index, const std::string& pointer);
    core::Result<void> plan_init_container(NodeId spec, const std::string& spec_pointer);
    core::Result<void> plan_marker();
};

core::Result<void> Planner::plan_container_env(NodeId container, std::size_t index, const std::string& pointer) {
    MESH_TRY(editable(container, NodeKind::Map, "a container"));
    ContainerRecord record;
    record.container = m_tree.scalar(container, "name");
    if (record.container.empty()) return tl::unexpected(error(container, "a container has no name"));
    std::string container_pointer = fmt::format("{}/{}", pointer, index);
    NodeId env = m_tree.get(container, "env");
    if (env != k_no_node) {
        MESH_TRY(editable(env, NodeKind::Sequence, "env of container " + record.container));
    }
    auto find_var = [&](const std::string& name) -> std::pair<std::size_t, NodeId> {
        if (env == k_no_node) return {0, k_no_node};
        const auto& items = m_tree[env].children;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (m_tree.scalar(items[i], "name") == name) return {i, items[i]};
        return {0, k_no_node};
    };

    std::vector<NewValue> to_add;
    std::size_t insert_before = 0;
    std::size_t node_name_index = 0;
    bool node_name_present = false;
    for (const auto& var : wanted_vars(m_config)) {
        auto [at, existing] = find_var(var.name);
        if (existing == k_no_node) {
            to_add.push_back(var.entry());
            record.env.push_back(var.name);
            continue;
        }
        if (var.name == "NODE_NAME") {
            node_name_present = true;
            node_name_index = at;
            insert_before = at + 1;  // what refers to $(NODE_NAME) must come after it
        }
        NodeId current = var.field_path.empty() ? m_tree.get(existing, "value")
                                                : m_tree.path(existing, "valueFrom.fieldRef.fieldPath");
        bool same = current != k_no_node && m_tree[current].kind == NodeKind::Scalar &&
                    m_tree[current].value == (var.field_path.empty() ? var.value : var.field_path);
        std::string shown =
            current != k_no_node && m_tree[current].kind == NodeKind::Scalar ? m_tree[current].value : "(another form)";
        bool before_node_name = var.refers_to_node_name && node_name_present && at < node_name_index;
        if (same) {
            if (before_node_name) {
                m_plan.warnings.push_back(
                    fmt::format("container {}: {} comes before NODE_NAME in env, so "
                                "Kubernetes will not expand $(NODE_NAME) in it; move it below NODE_NAME",
                                record.container, var.name));
                not_routed(record.container, var.name, "before NODE_NAME, where $(NODE_NAME) does not expand");
            }
            continue;  // kept as the user wrote it, and not recorded: uninject leaves it
        }
        if (m_config.overwrite_env && before_node_name) {
            m_plan.warnings.push_back(fmt::format("container {}: env {} is set to '{}' before NODE_NAME; left alone, "
                                                  "since $(NODE_NAME) would not expand there (move it below NODE_NAME)",
                                                  record.container, var.name, shown));
            if (var.refers_to_node_name) not_routed(record.container, var.name, fmt::format("set to '{}'", shown));
            continue;
        }
        if (!m_config.overwrite_env || current == k_no_node || m_tree[current].kind != NodeKind::Scalar) {
            m_plan.warnings.push_back(fmt::format("container {}: env {} is already set to '{}'; left alone{}",
                                                  record.container, var.name, shown,
                                                  m_config.overwrite_env ? " (it is not a plain value mesh can replace)"
                                                  : m_config.suggest_flags ? " (use --overwrite-env to replace it)"
                                                                           : ""));
            if (var.refers_to_node_name) not_routed(record.container, var.name, fmt::format("set to '{}'", shown));
            continue;
        }
        MESH_TRY(editable(current, NodeKind::Scalar, "env " + var.name));
        PlanOp op;
        op.type = PlanOp::Type::ReplaceScalar;
        op.target = current;
        op.json_path = fmt::format("{}/env/{}/{}", container_pointer, at,
                                   var.field_path.empty() ? "value" : "valueFrom/fieldRef/fieldPath");
        op.replacement = var.field_path.empty() ? var.value : var.field_path;
        MESH_TRY_ASSIGN(auto source, manifest::TreeEditor(m_tree, m_origin).scalar_source(current));
        m_plan.ops.push_back(std::move(op));
        record.overwritten.emplace_back(var.name, source);
    }
    if (!to_add.empty()) {
        PlanOp op;
        if (env == k_no_node) {
            op.type = PlanOp::Type::AddEntries;
            op.target = container;
            op.json_path = container_pointer;
            op.entries.push_back({"env", NewValue::list(std::move(to_add))});
            record.created_env = true;
        } else {
            op.type = PlanOp::Type::InsertItems;
            op.target = env;
            op.json_path = container_pointer + "/env";
            op.before = insert_before;
            op.items = std::move(to_add);
        }
        m_plan.ops.push_back(std::move(op));
    }
    if (!record.env.empty() || !record.overwritten.empty()) m_plan.marker.containers.push_back(std::move(record));
    return {};
}

NewValue init_container_value(const InjectConfig& config) {
    std::vector<NewValue> args{NewValue::string("-p"), NewValue::string(std::to_string(config.proxy_port)),
                               NewValue::string("-m"), NewValue::string(config.use_service_vip ? "true" : "false"),
                               NewValue::string("-s")};
    std::string service;
    for (char c : config.linkerd_svc_name) service += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    args.push_back(NewValue::string(service));
    for (const auto& extra : config.init_args) args.push_back(NewValue::string(extra));
    auto node_name = NewValue::map(
        {{"name", NewValue::string("NODE_NAME")},
         {"valueFrom",
          NewValue::map({{"fieldRef", NewValue::map({{"apiVersion", NewValue::string("v1")},
                                                     {"fieldPath", NewValue::string("spec.nodeName")}})}})}});
    return NewValue::map({
        {"name", NewValue::string(k_init_container_name)},
        {"image", NewValue::string(config.init_image)},
        {"args", NewValue::list(std::move(args))},
        {"env", NewValue::list({node_name})},
        {"imagePullPolicy", NewValue::string("IfNotPresent")},
        {"securityContext",
         NewValue::map({{"capabilities", NewValue::map({{"add", NewValue::list({NewValue::string("NET_ADMIN")})}})},
                        {"privileged", NewValue::boolean(config.privileged)}})},
    });
}

core::Result<void> Planner::plan_init_container(NodeId spec, const std::string& spec_pointer) {
    NodeId init = m_tree.get(spec, "initContainers");
    PlanOp op;
    if (init == k_no_node) {
        op.type = PlanOp::Type::AddEntries;
        op.target = spec;
        op.json_path = spec_pointer;
        op.entries.push_back({"initContainers", NewValue::list({init_container_value(m_config)})});
        m_plan.marker.created.push_back("initContainers");
    } else {
        MESH_TRY(editable(init, NodeKind::Sequence, "spec.initContainers"));
        op.type = PlanOp::Type::InsertItems;
        op.target = init;
        op.json_path = spec_pointer + "/initContainers";
        op.before = m_tree[init].children.size();  // last, so the user's init containers keep direct network access
        op.items.push_back(init_container_value(m_config));
    }
    m_plan.ops.push_back(std::move(op));
    m_plan.marker.init_container = k_init_container_name;
    return {};
}

core::Result<void> Planner::plan_marker() {
    NodeId tmpl = m_workload.template_;
    NodeId metadata = m_tree.get(tmpl, "metadata");
    NodeId annotations = metadata == k_no_node ? k_no_node : m_tree.get(metadata, "annotations");
    if (metadata == k_no_node) m_plan.marker.created.push_back("metadata");
    if (annotations == k_no_node) m_plan.marker.created.push_back("annotations");
    NewValue marker = NewValue::string(m_plan.marker.to_json());
    PlanOp op;
    op.type = PlanOp::Type::AddEntries;
    if (metadata == k_no_node) {
        op.target = tmpl;
        op.json_path = m_workload.json_path;
        op.entries.push_back(
            {"metadata", NewValue::map({{"annotations", NewValue::map({{k_marker_annotation, marker}})}})});
    } else if (annotations == k_no_node) {
        MESH_TRY(editable(metadata, NodeKind::Map, "the pod template's metadata"));
        op.target = metadata;
        op.json_path = m_workload.json_path + "/metadata";
        op.entries.push_back({"annotations", NewValue::map({{k_marker_annotation, marker}})});
    } else {
        MESH_TRY(editable(annotations, NodeKind::Map, "the pod template's annotations"));
        op.target = annotations;
        op.json_path = m_workload.json_path + "/metadata/annotations";
        op.entries.push_back({k_marker_annotation, marker});
    }
    m_plan.ops.push_back(std::move(op));
    return {};
}

core::Result<PodPlan> Planner::run() {
    NodeId tmpl = m_workload.template_;
    if (tmpl == k_no_node)
        return tl::unexpected(
            error(m_workload.object, fmt::format("has no pod template at {}", m_workload.template_path)));
    MESH_TRY(editable(tmpl, NodeKind::Map, "the pod template"));
    if (m_tree.has_merge_key)
        return tl::unexpected(
            manifest::document_error(m_tree, m_origin, m_tree.merge_key_offset,
                                     "merge keys ('<<') are applied by Kubernetes, not by mesh's reader; "
                                     "mesh will not guess what this workload means"));
    MESH_TRY(manifest::check_editable_line_breaks(m_tree, m_origin));
    NodeId spec = m_tree.get(tmpl, "spec");
    if (spec == k_no_node) return tl::unexpected(error(tmpl, "the pod template has no spec"));
    MESH_TRY(editable(spec, NodeKind::Map, "the pod spec"));

    if (auto skip = opt_out_reason(m_tree, tmpl)) {
        m_plan.outcome = PodPlan::Outcome::Skip;
        m_plan.reason = *skip;
        return m_plan;
    }
    if (auto refusal = refusal_reason(m_tree, spec, m_config)) {
        m_plan.outcome = PodPlan::Outcome::Refuse;
        m_plan.reason = *refusal;
        return m_plan;
    }
    m_plan.marker.mode = mode_name(m_config.mode);
    m_plan.marker.port = m_config.proxy_port;
    std::string spec_pointer = m_workload.json_path + "/spec";
    // Kubernetes rejects a pod without containers in either mode; so do we, rather than inject it.
    NodeId containers = m_tree.get(spec, "containers");
    if (containers == k_no_node) return tl::unexpected(error(spec, "the pod spec has no containers"));
    // The API server rejects two containers (init containers included) of one name, and the marker
    // records containers by name, so uninject could not tell them apart.
    std::map<std::string, NodeId> names;
    for (const char* list : {"initContainers", "containers"}) {
        NodeId seq = m_tree.get(spec, list);
        if (seq == k_no_node || m_tree[seq].kind != NodeKind::Sequence) continue;
        for (NodeId item : m_tree[seq].children) {
            NodeId name = m_tree.get(item, "name");
            if (name == k_no_node || m_tree[name].kind != NodeKind::Scalar) continue;
            if (auto [it, fresh] = names.emplace(m_tree[name].value, name); !fresh)
                return tl::unexpected(error(name, fmt::format("two containers are named \"{}\" (Kubernetes rejects "
                                                              "this pod); rename one",
                                                              m_tree[name].value)));
        }
    }
    if (m_config.mode == Mode::HttpProxy) {
        MESH_TRY(editable(containers, NodeKind::Sequence, "spec.containers"));
        const auto& items = m_tree[containers].children;
        for (std::size_t i = 0; i < items.size(); ++i)
            MESH_TRY(plan_container_env(items[i], i, spec_pointer + "/containers"));
    } else {
        MESH_TRY(plan_init_container(spec, spec_pointer));
    }
    if (m_plan.ops.empty()) {
        m_plan.outcome = PodPlan::Outcome::Unchanged;
        m_plan.reason = "already routes through Linkerd";
        return m_plan;
    }
    MESH_TRY(plan_marker());
    return m_plan;
}

}  // namespace

core::Result<PodPlan> plan_pod(const YamlTree& tree, const manifest::DocumentOrigin& origin,
                               const PodTemplate& workload, const InjectConfig& config) {
    return Planner(tree, origin, workload, config).run();
}

}  // namespace mesh::inject
