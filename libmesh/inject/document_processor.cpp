#include "libmesh/inject/document_processor.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "libmesh/inject/plan_render.hpp"
#include "libmesh/inject/pod_plan.hpp"
#include "libmesh/inject/uninject.hpp"
#include "libmesh/inject/workloads.hpp"
#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/meaning_check.hpp"
#include "libmesh/manifest/safety_scan.hpp"
#include "libmesh/manifest/text_edit.hpp"

namespace mesh::inject {

using manifest::YamlTree;

namespace {

ObjectReport report_for(const YamlTree& tree, const manifest::DocumentOrigin& origin, manifest::NodeId object,
                        std::string kind, std::string name) {
    ObjectReport r;
    r.file = origin.file;
    r.line = origin.first_line + (object == manifest::k_no_node ? 0 : tree[object].line);
    r.kind = std::move(kind);
    r.name = std::move(name);
    r.namespace_ = tree.scalar(tree.get(object, "metadata"), "namespace");
    return r;
}

core::Error internal_error(const manifest::DocumentOrigin& origin, const std::string& what) {
    return core::Error{core::ErrorCode::Internal,
                       fmt::format("internal error: {}; nothing was written (please report this with the input)", what),
                       {origin.file, origin.first_line, 0},
                       {}};
}

core::Result<nlohmann::json> with_patch(nlohmann::json meaning, const nlohmann::json& patch,
                                        const manifest::DocumentOrigin& origin) {
    try {
        meaning.patch_inplace(patch);
    } catch (const nlohmann::json::exception& e) {
        return tl::unexpected(internal_error(origin, std::string("the plan does not apply: ") + e.what()));
    }
    return meaning;
}

bool holds_a_number(const nlohmann::json& value) {
    if (value.is_number()) return true;
    if (!value.is_structured()) return false;
    return std::any_of(value.begin(), value.end(), [](const nlohmann::json& v) { return holds_a_number(v); });
}

// The edited text must mean the base document plus exactly the planned patch, read back as
// Kubernetes reads it: libyaml again (go-yaml's grammar), which is what decides what the output
// means to kubectl. libfyaml's independent read-back cost 3.5-5 s of CPU on bench/inject; building
// a second tree and meaning cost a third of all instructions, which text_means does not spend.
core::Result<void> verify_injection(std::string_view new_text, const YamlTree& base, const nlohmann::json& patch,
                                    const manifest::DocumentOrigin& origin, const InjectConfig& config) {
    // First the quick way: only the meaning along the patch's paths is built, and the subtrees it
    // did not touch are compared with the base tree's nodes while libyaml reads the text. Its
    // "yes" is final; anything else goes to the reference below. A number in the patch would look
    // like a placeholder, so such a patch goes there too (mesh's patches hold none).
    if (!holds_a_number(patch)) {
        std::vector<std::string_view> paths;
        for (const auto& op : patch) paths.push_back(op.at("path").get_ref<const std::string&>());
        if (auto partial = manifest::partial_meaning(base, paths))
            if (auto expected = with_patch(std::move(*partial), patch, origin))
                if (manifest::text_means(new_text, *expected, config.limits, &base) == true) return {};
    }
    // The reference: the whole meaning, plus the patch, against the text's tree and meaning. It
    // decides what the quick way leaves open (anchors, aliases, syntax errors, differences) and
    // names the error.
    std::size_t max_nodes = config.limits.max_nodes_per_document;
    auto before = manifest::document_meaning(base, origin, max_nodes);
    if (!before) return tl::unexpected(before.error());
    auto expected = with_patch(std::move(*before), patch, origin);
    if (!expected) return tl::unexpected(expected.error());
    auto after = manifest::parse_document(new_text, origin, config.limits);
    if (!after)
        return tl::unexpected(internal_error(origin, "the edited document does not parse: " + after.error().message));
    auto after_meaning = manifest::document_meaning(*after, origin, max_nodes);
    if (!after_meaning) return tl::unexpected(after_meaning.error());
    if (*after_meaning != *expected)
        return tl::unexpected(internal_error(origin, "the edited document does not mean what was planned"));
    return {};
}

class DocumentProcessor {
public:
    DocumentProcessor(std::string_view text, manifest::DocumentOrigin origin, const InjectConfig& config)
        : m_text(text), m_origin(std::move(origin)), m_config(config) {}

    core::Result<DocumentOutcome> run(Operation operation);

private:
    std::string_view m_text;
    manifest::DocumentOrigin m_origin;
    const InjectConfig& m_config;
    DocumentOutcome m_out;

    // The document without mesh's additions, and the edits (sorted) that make it from tree.text.
    struct Uninjected {
        std::string text;
        std::vector<manifest::TextEdit> edits;
    };
    core::Result<Uninjected> uninject_all(const YamlTree& tree, const DocumentObjects& objects, bool report);
    core::Result<void> inject(const YamlTree& tree, const DocumentObjects& objects);
};

core::Result<DocumentProcessor::Uninjected>
DocumentProcessor::uninject_all(const YamlTree& tree, const DocumentObjects& objects, bool report) {
    std::vector<manifest::TextEdit> edits;
    for (const auto& workload : objects.workloads) {
        auto removal = uninject_edits(tree, m_origin, workload);
        if (!removal) return tl::unexpected(removal.error());
        if (report) {
            ObjectReport r = report_for(tree, m_origin, workload.object, workload.kind, workload.name);
            r.status = removal->had_marker ? ObjectStatus::Uninjected : ObjectStatus::Skipped;
            if (!removal->had_marker) r.reason = "not injected by mesh";
            r.warnings = removal->warnings;
            m_out.objects.push_back(std::move(r));
        }
        for (auto& e : removal->edits) edits.push_back(std::move(e));
    }
    // No edits: the text is the one `tree` was read from, so the marker check reads that tree
    // rather than parsing the same bytes again.
    std::optional<YamlTree> reread;
    std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
    std::string result = manifest::apply_edits(tree.text, edits);
    if (result != tree.text) {
        auto check = manifest::parse_document(result, m_origin, m_config.limits);
        if (!check)
            return tl::unexpected(
                internal_error(m_origin, "the uninjected document does not parse: " + check.error().message));
        reread = std::move(*check);
    }
    const YamlTree& check = reread ? *reread : tree;
    for (const auto& workload : find_objects(check, m_config).workloads)
        if (has_marker(check, workload)) return tl::unexpected(internal_error(m_origin, "a marker survived uninject"));
    return Uninjected{std::move(result), std::move(edits)};
}

core::Result<void> DocumentProcessor::inject(const YamlTree& tree, const DocumentObjects& objects) {
    std::vector<manifest::TextEdit> edits;
    nlohmann::json patch = nlohmann::json::array();
    manifest::TreeEditor editor(tree, m_origin);
    std::size_t first_report = m_out.objects.size();
    for (const auto& workload : objects.workloads) {
        auto plan = plan_pod(tree, m_origin, workload, m_config);
        if (!plan) return tl::unexpected(plan.error());
        ObjectReport r = report_for(tree, m_origin, workload.object, workload.kind, workload.name);
        r.warnings = plan->warnings;
        r.reason = plan->reason;
        switch (plan->outcome) {
        case PodPlan::Outcome::Skip: r.status = ObjectStatus::Skipped; break;
        case PodPlan::Outcome::Refuse: r.status = ObjectStatus::Refused; break;
        case PodPlan::Outcome::Unchanged: r.status = ObjectStatus::Unchanged; break;
        case PodPlan::Outcome::Inject: {
            r.status = ObjectStatus::Injected;
            auto plan_edits = plan_text_edits(*plan, editor, tree);
            if (!plan_edits) return tl::unexpected(plan_edits.error());
            for (auto& e : *plan_edits) edits.push_back(std::move(e));
            append_json_patch(*plan, patch);
            break;
        }
        }
        if (!plan->not_routed.empty() && (r.status == ObjectStatus::Injected || r.status == ObjectStatus::Unchanged)) {
            r.status = ObjectStatus::NotRouted;
            r.reason = fmt::format("{}", fmt::join(plan->not_routed, "; "));
        }
        m_out.objects.push_back(std::move(r));
    }
    std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
    bool on_original = tree.text.data() == m_text.data();
    if (on_original && edits.empty()) return {};
    if (!patch.empty() && m_config.verify)
        if (auto ok = verify_injection(manifest::apply_edits(tree.text, edits), tree, patch, m_origin, m_config); !ok)
            return ok;
    if (on_original) {
        // Kept until the output is written: rendering left up to half of each text as spare capacity.
        for (auto& e : edits) e.insert.shrink_to_fit();
        m_out.change.edits = std::move(edits);
        return {};
    }
    std::string result = manifest::apply_edits(tree.text, std::move(edits));
    if (result == m_text) {
        for (std::size_t i = first_report; i < m_out.objects.size(); ++i) {
            auto& r = m_out.objects[i];
            if (r.status == ObjectStatus::Injected) {
                r.status = ObjectStatus::Unchanged;
                r.reason = "already injected with these settings";
            }
        }
        return {};
    }
    m_out.change.text = std::move(result);
    return {};
}

core::Result<DocumentOutcome> DocumentProcessor::run(Operation operation) {
    auto tree = manifest::parse_document(m_text, m_origin, m_config.limits);
    if (!tree) return tl::unexpected(tree.error());
    DocumentObjects objects = find_objects(*tree, m_config);
    for (const auto& skipped : objects.skipped) {
        ObjectReport r = report_for(*tree, m_origin, skipped.object, skipped.kind, skipped.name);
        r.reason = skipped.reason;
        m_out.objects.push_back(std::move(r));
    }
    if (objects.workloads.empty()) return std::move(m_out);
    if (operation == Operation::Uninject) {
        auto result = uninject_all(*tree, objects, true);
        if (!result) return tl::unexpected(result.error());
        // The edits, not the new text, are kept until output: the whole output held at once
        // made uninject's peak RSS 2.5x its input.
        if (result->text != m_text) {
            for (auto& e : result->edits) e.insert.shrink_to_fit();
            m_out.change.edits = std::move(result->edits);
        }
        return std::move(m_out);
    }
    bool any_marker = false;
    for (const auto& workload : objects.workloads) any_marker = any_marker || has_marker(*tree, workload);
    if (!any_marker) {
        if (auto ok = inject(*tree, objects); !ok) return tl::unexpected(ok.error());
        return std::move(m_out);
    }
    // Already injected: take out what the marker records, then inject afresh, so new settings
    // replace old ones and the same settings give back the same bytes.
    auto clean = uninject_all(*tree, objects, false);
    if (!clean) return tl::unexpected(clean.error());
    auto clean_tree = manifest::parse_document(clean->text, m_origin, m_config.limits);
    if (!clean_tree) return tl::unexpected(clean_tree.error());
    if (auto ok = inject(*clean_tree, find_objects(*clean_tree, m_config)); !ok) return tl::unexpected(ok.error());
    return std::move(m_out);
}

}  // namespace

core::Result<DocumentOutcome> process_document(std::string_view stream, const manifest::DocumentRange& range,
                                               const std::string& file, Operation operation,
                                               const InjectConfig& config) {
    if (auto ok = manifest::check_document_bytes(stream, range.begin, range.end, file); !ok)
        return tl::unexpected(ok.error());
    if (range.json)
        if (auto ok = manifest::check_json_value(stream, range.begin, range.end, file); !ok)
            return tl::unexpected(ok.error());
    std::string_view text = stream.substr(range.begin, range.end - range.begin);
    return DocumentProcessor(text, manifest::DocumentOrigin{file, range.first_line}, config).run(operation);
}

}  // namespace mesh::inject
