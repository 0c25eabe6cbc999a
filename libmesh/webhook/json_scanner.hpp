#pragma once
// A validating JSON scanner: the webhook reads each AdmissionReview once, with this, and builds the
// pod's YamlTree straight from its bytes. It accepts what nlohmann::json::parse accepts (RFC 8259
// JSON, a leading UTF-8 byte order mark, which RFC 8259 lets a reader ignore) except input after
// a NUL byte, which nlohmann takes for the end of the text: that is not JSON, and it is refused.

#include <cstddef>
#include <string>
#include <string_view>

#include "libmesh/manifest/tree_builder.hpp"

namespace mesh::webhook {

/// Why a scan stopped.
struct JsonScanError {
    enum class Kind { Syntax, TooDeep };
    Kind kind = Kind::Syntax;
    std::size_t offset = 0;
    std::string message;
};

/// A cursor over JSON text that checks every byte it passes (strings: escapes, \uXXXX surrogate
/// pairs, UTF-8, no raw control characters; numbers: JSON's grammar, finite as doubles) and
/// throws JsonScanError on the first that is not JSON. Nesting deeper than `max_depth` throws
/// Kind::TooDeep. Tracks lines, counting "\r\n", "\r" and "\n" as one break each, as YAML does.
class JsonScanner {
public:
    JsonScanner(std::string_view text, std::size_t max_depth);

    std::string_view text() const { return m_text; }
    std::size_t pos() const { return m_pos; }
    /// 0-based line of pos().
    int line() const { return m_line; }
    /// Offset of the first byte of pos()'s line.
    std::size_t line_start() const { return m_line_start; }

    /// Skips whitespace (and a byte order mark at the very start) and returns the next byte, or
    /// '\0' at the end of the text.
    char next();
    /// Steps over the byte next() returned.
    void advance() { ++m_pos; }
    /// next() must be `c`: steps over it.
    void expect(char c);
    /// After an item of an object or array that `close` ends: true when another item follows
    /// (the ',' is passed), false at `close` (passed too).
    bool more(char close);
    /// Enters an object or array (the '{' or '[' at pos()), counting the depth.
    void enter();
    /// Leaves one.
    void leave() { --m_depth; }

    /// The string at pos() (which is '"'), decoded, replacing `out`.
    void string(std::string& out);
    /// Passes the string at pos(), checked but not decoded.
    void skip_string();
    /// The number, `true`, `false` or `null` at pos(), checked, as written.
    std::string_view word();
    /// Passes the value at pos() (after next()), checked.
    void skip_value();
    /// After the top-level value: only whitespace may follow.
    void finish();

    [[noreturn]] void fail(std::string message) const;
    [[noreturn]] void fail_at(std::size_t offset, std::string message) const;

private:
    std::string_view m_text;
    std::size_t m_max_depth;
    std::size_t m_pos = 0;
    std::size_t m_depth = 0;
    int m_line = 0;
    std::size_t m_line_start = 0;

    // Checks the string at pos() and returns its closing quote's offset; `escaped` says whether
    // it has any escape (decoding is then more than a copy).
    std::size_t string_end(bool& escaped);
};

/// Builds YamlTree nodes from the values a JsonScanner passes: offsets, lines and columns count
/// from `base` (the first byte of the tree's text, at line `base_line` of the scanner's text).
/// Once the builder fails (a limit), it stops building and failure() says why; the scan goes on.
class JsonTreeFeed {
public:
    JsonTreeFeed(JsonScanner& scanner, manifest::YamlTree& tree, const core::Limits& limits, std::size_t base,
                 int base_line);

    /// Builds the value at the scanner's next().
    void value();
    /// Builds a map entry's key (the string at pos()).
    void key();
    /// Opens the object or array at next() (the scanner enters it).
    void open(manifest::NodeKind kind);
    /// Closes the innermost one (the scanner has passed its end).
    void close();
    /// A scalar string already decoded by the caller from the string starting at `start`.
    void quoted(std::size_t start, std::string value);
    /// Ends the tree.
    void finish();

    /// True while nodes are being built (no limit broken yet).
    bool building() const { return !m_failed; }
    /// Why building stopped, when !building().
    const manifest::BuildFailure& failure() const { return m_builder.failure(); }

private:
    JsonScanner& m_scanner;
    manifest::TreeBuilder m_builder;
    std::size_t m_base;
    int m_base_line;
    bool m_failed = false;

    manifest::NodeStart at(std::size_t offset, std::string_view tag) const;
    void built(bool ok) { m_failed = m_failed || !ok; }
};

}  // namespace mesh::webhook
