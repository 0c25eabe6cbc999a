// The field names and shapes are DelegateApiHandler.JsonDelegateTree's (linkerd 1.7.5): Jackson
// with NON_ABSENT, so a missing dentry is Dentry.nop and a Neg or Fail path may be absent; "~" is
// an empty or explicit Neg path and "!" a Fail that is not under /$/fail.

#include "libmesh/dtab/delegate_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/dtab/parser.hpp"

namespace mesh::dtab {

namespace {

using nlohmann::json;
using Kind = DelegateNode::Kind;

class Reader {
public:
    Reader(ParsedDelegation& out, const std::string& what, const DelegateJsonLimits& limits)
        : m_out(out), m_what(what), m_limits(limits) {}

    core::Result<DelegateNode> node(const json& j, std::size_t depth) {
        if (depth > m_limits.max_depth)
            return core::limit_error(fmt::format("{}: delegation deeper than {}", m_what, m_limits.max_depth));
        if (++m_nodes > m_limits.max_nodes)
            return core::limit_error(fmt::format("{}: more than {} delegation nodes", m_what, m_limits.max_nodes));
        if (!j.is_object()) return bad("a delegation node is not an object");
        MESH_TRY_ASSIGN(std::string type, string_field(j, "type", true));
        DelegateNode n;
        static const std::pair<const char*, Kind> k_types[] = {{"delegate", Kind::Delegate},
                                                               {"alt", Kind::Alt},
                                                               {"union", Kind::Union},
                                                               {"leaf", Kind::Leaf},
                                                               {"neg", Kind::Neg},
                                                               {"fail", Kind::Fail},
                                                               {"empty", Kind::Empty},
                                                               {"exception", Kind::Exception},
                                                               {"transformation", Kind::Transformation}};
        bool known = false;
        for (const auto& [name, kind] : k_types)
            if (type == name) {
                n.kind = kind;
                known = true;
            }
        if (!known) return bad("unknown node type \"" + core::escape_control(type) + "\"");
        MESH_TRY_ASSIGN(std::string path, string_field(j, "path", false));
        if (n.kind == Kind::Neg && path == "~") {
            n.explicit_neg = true;
        } else if (!(n.kind == Kind::Fail && path == "!") && !path.empty()) {
            MESH_TRY_ASSIGN(n.path, parse_path_field(path));
        }
        if (auto d = j.find("dentry"); d != j.end() && !d->is_null()) {
            MESH_TRY_ASSIGN(Dentry dentry, dentry_of(*d));
            m_out.dentries.push_back(std::move(dentry));
            n.dentry = &m_out.dentries.back();
        }
        switch (n.kind) {
        case Kind::Delegate: {
            MESH_TRY_ASSIGN(const json* child, member(j, "delegate"));
            MESH_TRY_ASSIGN(DelegateNode c, node(*child, depth + 1));
            n.children.push_back(std::move(c));
            break;
        }
        case Kind::Alt: {
            MESH_TRY_ASSIGN(const json* alt, member(j, "alt"));
            if (!alt->is_array()) return bad("\"alt\" is not an array");
            for (const auto& a : *alt) {
                MESH_TRY_ASSIGN(DelegateNode c, node(a, depth + 1));
                n.children.push_back(std::move(c));
            }
            break;
        }
        case Kind::Union: {
            MESH_TRY_ASSIGN(const json* members, member(j, "union"));
            if (!members->is_array()) return bad("\"union\" is not an array");
            for (const auto& w : *members) {
                if (!w.is_object() || !w.contains("weight") || !w["weight"].is_number() || !w.contains("tree"))
                    return bad("a union member is not {\"weight\": number, \"tree\": node}");
                MESH_TRY_ASSIGN(DelegateNode c, node(w["tree"], depth + 1));
                n.weights.push_back(w["weight"].get<double>());
                n.children.push_back(std::move(c));
            }
            break;
        }
        case Kind::Leaf: {
            MESH_TRY_ASSIGN(const json* bound, member(j, "bound"));
            MESH_TRY_ASSIGN(n.bound, bound_of(*bound));
            break;
        }
        case Kind::Exception: {
            MESH_TRY_ASSIGN(std::string message, string_field(j, "message", false));
            n.message = core::escape_quoted(message);
            break;
        }
        case Kind::Transformation: {
            MESH_TRY_ASSIGN(std::string name, string_field(j, "name", true));
            n.message = core::escape_quoted(name);
            MESH_TRY_ASSIGN(const json* bound, member(j, "bound"));
            MESH_TRY_ASSIGN(n.bound, bound_of(*bound));
            MESH_TRY_ASSIGN(const json* tree, member(j, "tree"));
            MESH_TRY_ASSIGN(DelegateNode c, node(*tree, depth + 1));
            n.children.push_back(std::move(c));
            break;
        }
        case Kind::Neg:
        case Kind::Fail:
        case Kind::Empty: break;
        }
        return n;
    }

private:
    core::Error bad_error(const std::string& message) const {
        return core::Error{core::ErrorCode::Input, m_what + ": " + message, {}, {}};
    }
    tl::unexpected<core::Error> bad(const std::string& message) const { return tl::unexpected(bad_error(message)); }

    core::Result<const json*> member(const json& j, const char* key) const {
        auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return bad(fmt::format("a {} node has no \"{}\"", j.value("type", ""), key));
        return &*it;
    }

    core::Result<std::string> string_field(const json& j, const char* key, bool required) const {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (required) return bad(fmt::format("a node has no \"{}\"", key));
            return std::string();
        }
        if (!it->is_string()) return bad(fmt::format("\"{}\" is not a string", key));
        return it->get<std::string>();
    }

    core::Result<Path> parse_path_field(const std::string& text) const {
        ParseOptions options;
        options.file = m_what;
        auto p = parse_path(text, options);
        if (!p) return bad("bad path \"" + core::escape_control(text) + "\": " + p.error().message);
        return std::move(*p);
    }

    core::Result<Dentry> dentry_of(const json& d) const {
        if (!d.is_object()) return bad("a dentry is not an object");
        MESH_TRY_ASSIGN(std::string prefix, string_field(d, "prefix", true));
        MESH_TRY_ASSIGN(std::string dst, string_field(d, "dst", true));
        ParseOptions options;
        options.file = m_what;
        auto parsed = parse_dentry(prefix + "=>" + dst, options);
        if (!parsed) return bad("bad dentry \"" + core::escape_control(prefix + "=>" + dst) + "\"");
        return std::move(*parsed);
    }

    core::Result<Addr> addr_of(const json& a) const {
        if (!a.is_object()) return bad("an addr is not an object");
        MESH_TRY_ASSIGN(std::string type, string_field(a, "type", true));
        Addr addr;
        if (type == "neg") {
            addr.kind = Addr::Kind::Neg;
        } else if (type == "pending") {
            addr.kind = Addr::Kind::Pending;
        } else if (type == "failed") {
            addr.kind = Addr::Kind::Failed;
            MESH_TRY_ASSIGN(std::string cause, string_field(a, "cause", false));
            addr.cause = core::escape_quoted(cause);
        } else if (type == "bound") {
            addr.kind = Addr::Kind::Bound;
            auto addrs = a.find("addrs");
            if (addrs == a.end() || !addrs->is_array()) return bad("a bound addr has no \"addrs\" array");
            for (const auto& e : *addrs) {
                if (!e.is_object() || !e.contains("ip") || !e["ip"].is_string() || !e.contains("port") ||
                    !e["port"].is_number_integer())
                    return bad("an address is not {\"ip\": string, \"port\": integer}");
                SocketAddress s(core::escape_control(e["ip"].get<std::string>()), e["port"].get<int>());
                if (auto m = e.find("meta"); m != e.end() && m->is_object())
                    if (auto w = m->find("endpoint_addr_weight"); w != m->end() && w->is_number())
                        s.weight = w->get<double>();
                addr.addrs.push_back(std::move(s));
            }
            if (auto m = a.find("meta"); m != a.end() && m->is_object())
                if (auto w = m->find("namer_nametree_weight"); w != m->end() && w->is_number())
                    addr.nametree_weight = w->get<double>();
        } else {
            return bad("unknown addr type \"" + core::escape_control(type) + "\"");
        }
        return addr;
    }

    core::Result<BoundName> bound_of(const json& b) const {
        if (!b.is_object()) return bad("a bound name is not an object");
        BoundName bound;
        auto addr = b.find("addr");
        if (addr == b.end()) return bad("a bound name has no \"addr\"");
        MESH_TRY_ASSIGN(bound.addr, addr_of(*addr));
        MESH_TRY_ASSIGN(std::string id, string_field(b, "id", true));
        MESH_TRY_ASSIGN(bound.id, parse_path_field(id));
        MESH_TRY_ASSIGN(std::string residual, string_field(b, "path", false));
        if (!residual.empty()) {
            MESH_TRY_ASSIGN(bound.residual, parse_path_field(residual));
        }
        return bound;
    }

    ParsedDelegation& m_out;
    const std::string& m_what;
    const DelegateJsonLimits& m_limits;
    std::size_t m_nodes = 0;
};

}  // namespace

core::Result<ParsedDelegation> parse_delegate_json(std::string_view text, const std::string& what,
                                                   const DelegateJsonLimits& limits) {
    if (text.size() > limits.max_bytes)
        return core::limit_error(fmt::format("{}: larger than {} bytes", what, limits.max_bytes));
    // Every node nests at most three JSON levels (union member, tree, node); checked before the
    // parser builds anything.
    if (!core::json_nesting_within(text, limits.max_depth * 3 + 3))
        return core::limit_error(fmt::format("{}: delegation deeper than {}", what, limits.max_depth));
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        // The same text again through the document parser, for its located message.
        auto located = core::parse_json_document(text, what, limits.max_bytes);
        if (!located) return tl::unexpected(located.error());
        return core::input_error(what + ": not valid JSON");
    }
    ParsedDelegation out;
    Reader reader(out, what, limits);
    MESH_TRY_ASSIGN(out.root, reader.node(j, 0));
    return out;
}

}  // namespace mesh::dtab
