// libFuzzer target over the dtab parser, both printers, lookup, delegation, binding and lint:
// no crash, hang or runaway memory, and printing keeps the meaning; over linkerd's io.l5d.rewrite
// namer (the first two lines as its pattern and name, the rest as the path); and over the reader of
// linkerd's delegator.json, which must read back every delegation mesh renders.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "libmesh/core/escape.hpp"
#include "libmesh/dtab/binder.hpp"
#include "libmesh/dtab/delegate_json.hpp"
#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/formatter.hpp"
#include "libmesh/dtab/lint.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/dtab/rewrite_namer.hpp"

using namespace mesh::dtab;

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

// Whether reading the node back changes a text in it: the reader escapes messages and causes
// for the terminal (control bytes, invalid UTF-8).
bool reader_escapes(const DelegateNode& node) {
    if (mesh::core::escape_quoted(node.message) != node.message) return true;
    if (mesh::core::escape_quoted(node.bound.addr.cause) != node.bound.addr.cause) return true;
    for (const auto& child : node.children)
        if (reader_escapes(child)) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return 0;
    std::string text(reinterpret_cast<const char*>(data), size);
    if (auto remote = parse_delegate_json(text, "fuzz")) {
        (void)to_text(remote->root);
        (void)to_json(remote->root);
    }
    (void)parse_path(text);
    (void)parse_name_tree(text);
    // io.l5d.rewrite, as a proxy's /config.json configures it: pattern, name, then the path.
    if (auto first = text.find('\n'); first != std::string::npos) {
        auto second = text.find('\n', first + 1);
        if (second != std::string::npos) {
            if (auto path = parse_path(text.substr(second + 1)))
                (void)rewrite_namer(text.substr(0, first), text.substr(first + 1, second - first - 1))(*path);
        }
    }
    auto parsed = parse_dtab_with_comments(text);
    if (!parsed) return 0;
    const Dtab& dtab = parsed->dtab;

    // show -> parse -> show is stable (weights may lose digits once, then stay).
    std::string shown = show(dtab);
    auto reparsed = parse_dtab(shown);
    check(reparsed.has_value());
    check(show(*reparsed) == shown);

    // The aligned form keeps the dtab and is a fixpoint.
    std::string pretty = format_pretty(*parsed, text);
    auto pretty_parsed = parse_dtab_with_comments(pretty);
    check(pretty_parsed.has_value());
    check(show(pretty_parsed->dtab) == shown);
    check(format_pretty(*pretty_parsed, pretty) == pretty);

    // Delegate and bind a path made from each prefix (bounded by the node limits).
    Namers namers;
    DelegateLimits dl;
    dl.max_nodes = 20000;
    BindLimits bl;
    bl.max_nodes = 20000;
    std::size_t n = 0;
    for (const auto& d : dtab.dentries) {
        if (++n > 8) break;
        Path p;
        for (const auto& e : d.prefix.elems) p.elems.push_back(e.wildcard ? "x" : e.label);
        p.elems.push_back("r");
        if (auto tree = delegate(dtab, p, namers, dl)) {
            std::string json = to_json(*tree);
            (void)to_text(*tree);
            // What a proxy would answer reads back, and renders the same unless the reader escaped
            // a message for the terminal.
            auto back = parse_delegate_json(json, "fuzz");
            check(back.has_value());
            if (!reader_escapes(*tree)) check(to_json(back->root) == json);
        }
        (void)bind(dtab, NameTree::leaf(p), namers, bl);
    }
    if (dtab.size() <= 200) (void)lint(dtab);
    return 0;
}
