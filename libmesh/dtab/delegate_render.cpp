// Renderings of a delegation: linkerd's delegator.json, a readable tree, and the trace route.

#include <fmt/format.h>

#include "libmesh/core/json_string.hpp"
#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/java_number.hpp"

namespace mesh::dtab {

using DKind = DelegateNode::Kind;

std::string addr_json(const Addr& addr) {
    switch (addr.kind) {
    case Addr::Kind::Bound: {
        std::string out = R"({"type":"bound","addrs":[)";
        for (std::size_t i = 0; i < addr.addrs.size(); ++i) {
            if (i) out += ',';
            const auto& a = addr.addrs[i];
            std::string meta = a.weight ? R"("endpoint_addr_weight":)" + java_double_to_string(*a.weight) : "";
            out += fmt::format(R"({{"ip":{},"port":{},"meta":{{{}}}}})",
                               core::json_quote(a.ip, core::JsonEscape::Jackson), a.port, meta);
        }
        std::string meta =
            addr.nametree_weight ? R"("namer_nametree_weight":)" + java_double_to_string(*addr.nametree_weight) : "";
        return out + R"(],"meta":{)" + meta + "}}";
    }
    case Addr::Kind::Neg: return R"({"type":"neg"})";
    case Addr::Kind::Failed:
        return R"({"type":"failed","cause":)" + core::json_quote(addr.cause, core::JsonEscape::Jackson) + "}";
    case Addr::Kind::Pending: return R"({"type":"pending"})";
    }
    return "null";
}

namespace {

const char* type_name(DKind k) {
    switch (k) {
    case DKind::Delegate: return "delegate";
    case DKind::Alt: return "alt";
    case DKind::Union: return "union";
    case DKind::Leaf: return "leaf";
    case DKind::Neg: return "neg";
    case DKind::Fail: return "fail";
    case DKind::Empty: return "empty";
    case DKind::Exception: return "exception";
    case DKind::Transformation: return "transformation";
    }
    return "neg";
}

// linkerd shows "~" for an explicit or empty Neg and "!" for a Fail that is not a /$/fail path.
std::string shown_path(const DelegateNode& n) {
    if (n.kind == DKind::Neg && (n.explicit_neg || n.path.empty())) return "~";
    if (n.kind == DKind::Fail) {
        if (n.path.size() >= 2 && n.path.elems[0] == "$" && n.path.elems[1] == "fail") return show(n.path);
        return "!";
    }
    return show(n.path);
}

std::string bound_json(const BoundName& b) {
    return R"({"addr":)" + addr_json(b.addr) + R"(,"id":)" + core::json_quote(show(b.id), core::JsonEscape::Jackson) +
           R"(,"path":)" + core::json_quote(show(b.residual), core::JsonEscape::Jackson) + "}";
}

void write_json(const DelegateNode& n, std::string& out) {
    if (n.kind == DKind::Transformation) {
        // linkerd's transformation node: path, name, bound (before), tree (after); no dentry.
        out += R"({"type":"transformation","path":)" + core::json_quote(show(n.path), core::JsonEscape::Jackson) +
               R"(,"name":)" + core::json_quote(n.message, core::JsonEscape::Jackson) + R"(,"bound":)" +
               bound_json(n.bound) + R"(,"tree":)";
        write_json(n.children.front(), out);
        out += '}';
        return;
    }
    out += R"({"type":")";
    out += type_name(n.kind);
    out += R"(","path":)";
    out += core::json_quote(shown_path(n), core::JsonEscape::Jackson);
    if (n.dentry) {
        out += R"(,"dentry":{"prefix":)";
        out += core::json_quote(show(n.dentry->prefix), core::JsonEscape::Jackson);
        out += R"(,"dst":)";
        out += core::json_quote(show(n.dentry->dst), core::JsonEscape::Jackson);
        out += '}';
    }
    switch (n.kind) {
    case DKind::Delegate:
        out += R"(,"delegate":)";
        write_json(n.children.front(), out);
        break;
    case DKind::Alt:
        out += R"(,"alt":[)";
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (i) out += ',';
            write_json(n.children[i], out);
        }
        out += ']';
        break;
    case DKind::Union:
        out += R"(,"union":[)";
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (i) out += ',';
            out += R"({"weight":)" + java_double_to_string(n.weights[i]) + R"(,"tree":)";
            write_json(n.children[i], out);
            out += '}';
        }
        out += ']';
        break;
    case DKind::Leaf: out += R"(,"bound":)" + bound_json(n.bound); break;
    case DKind::Exception: out += R"(,"message":)" + core::json_quote(n.message, core::JsonEscape::Jackson); break;
    default: break;
    }
    out += '}';
}

std::string addr_text(const Addr& addr) {
    switch (addr.kind) {
    case Addr::Kind::Bound: {
        if (addr.addrs.empty()) return "no addresses";
        std::string out;
        for (std::size_t i = 0; i < addr.addrs.size(); ++i) {
            if (i) out += ", ";
            const auto& a = addr.addrs[i];
            out += a.ip.find(':') != std::string::npos ? fmt::format("[{}]:{}", a.ip, a.port)
                                                       : fmt::format("{}:{}", a.ip, a.port);
        }
        return out;
    }
    case Addr::Kind::Neg: return "neg";
    case Addr::Kind::Failed: return "failed: " + addr.cause;
    case Addr::Kind::Pending:
        // A live proxy's pending address (read from its delegator.json) carries no cause.
        return addr.cause.empty() ? std::string("pending") : "address unknown offline: " + addr.cause;
    }
    return "";
}

std::string leaf_text(const DelegateNode& n) {
    return show(n.bound.id) + " residual " + show(n.bound.residual) + " [" + addr_text(n.bound.addr) + "]";
}

void write_text(const DelegateNode& n, int indent, const std::string& lead, std::string& out) {
    out += std::string(static_cast<std::size_t>(indent) * 2, ' ') + lead + shown_path(n);
    if (n.dentry) out += " (" + show(*n.dentry) + ")";
    switch (n.kind) {
    case DKind::Alt: out += "  alt: first that is not neg wins"; break;
    case DKind::Union: out += "  union: load-balanced by weight"; break;
    case DKind::Leaf: out += "  => " + leaf_text(n); break;
    case DKind::Neg: out += "  ~ neg: no dentry or namer matches"; break;
    case DKind::Fail: out += "  ! fail"; break;
    case DKind::Empty: out += "  $ empty: bound, no endpoints"; break;
    case DKind::Exception: out += "  error: " + n.message; break;
    case DKind::Transformation: out += "  transformed by " + n.message + " from " + show(n.bound.id); break;
    case DKind::Delegate: break;
    }
    out += '\n';
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        std::string child_lead = n.kind == DKind::Union ? java_double_to_string(n.weights[i]) + " * " : std::string();
        write_text(n.children[i], indent + 1, child_lead, out);
    }
}

// Finagle's NameTree evaluation of a delegation: "neg", "fail", "empty", "error: ..." or the
// bound names (several in a union, each with its weight).
std::string evaluate(const DelegateNode& n) {
    switch (n.kind) {
    case DKind::Leaf: return leaf_text(n);
    case DKind::Neg: return "neg";
    case DKind::Fail: return "fail";
    case DKind::Empty: return "empty";
    case DKind::Exception: return "error: " + n.message;
    case DKind::Delegate:
    case DKind::Transformation: return n.children.empty() ? "neg" : evaluate(n.children.front());
    case DKind::Alt:
        for (const auto& c : n.children)
            if (auto r = evaluate(c); r != "neg") return r;
        return "neg";
    case DKind::Union: {
        std::string out;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            auto r = evaluate(n.children[i]);
            if (r == "neg" || r == "empty") continue;
            if (r == "fail" || r.rfind("error: ", 0) == 0) return r;
            out += (out.empty() ? "" : " & ") + java_double_to_string(n.weights[i]) + " * " + r;
        }
        return out.empty() ? "neg" : out;
    }
    }
    return "neg";
}

bool find_route(const DelegateNode& n, std::vector<std::string>& route, const Path* id) {
    if (n.kind == DKind::Transformation) {
        // linkerd's trace shows the transformed child's dentry on this line and the transformer's
        // name on the child's line: the two swap places.
        const DelegateNode& child = n.children.front();
        std::size_t mark = route.size();
        route.push_back("  " + show(n.path) + (child.dentry ? " (" + show(*child.dentry) + ")" : ""));
        route.push_back("  " + shown_path(child) + " (" + n.message + ")");
        if (child.kind == DKind::Leaf && (!id || child.bound.id == *id)) return true;
        route.resize(mark);
        return false;
    }
    std::string line = "  " + shown_path(n);
    if (n.dentry) line += " (" + show(*n.dentry) + ")";
    route.push_back(line);
    if (n.kind == DKind::Leaf && (!id || n.bound.id == *id)) return true;
    for (const auto& c : n.children)
        if (find_route(c, route, id)) return true;
    route.pop_back();
    return false;
}

}  // namespace

std::string to_json(const DelegateNode& node) {
    std::string out;
    write_json(node, out);
    return out;
}

std::string to_text(const DelegateNode& node) {
    std::string out;
    write_text(node, 0, "", out);
    return out;
}

std::string result_line(const DelegateNode& node) { return "result: " + evaluate(node); }

std::vector<std::string> first_route(const DelegateNode& node) {
    std::vector<std::string> route;
    if (!find_route(node, route, nullptr)) route.clear();
    return route;
}

std::vector<std::string> route_to(const DelegateNode& node, const Path& id) {
    std::vector<std::string> route;
    if (!find_route(node, route, &id)) route.clear();
    return route;
}

}  // namespace mesh::dtab
