#pragma once
// JSON's scalars other than strings, for the readers that check JSON byte by byte (the metrics
// scanner and skip, the webhook's scanner): the number grammar,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and the literals true, false and null. What
// range a number may have is each reader's own rule.

#include <cstddef>
#include <cstring>

namespace mesh::core {

/// The length of the literal (true, false or null) at `p`, or 0 when none is there.
inline std::size_t json_literal(const char* p, const char* last) {
    auto is = [&](const char* word, std::size_t size) {
        return static_cast<std::size_t>(last - p) >= size && std::memcmp(p, word, size) == 0 ? size : 0;
    };
    switch (p < last ? *p : '\0') {
    case 't': return is("true", 4);
    case 'f': return is("false", 5);
    case 'n': return is("null", 4);
    default: return 0;
    }
}

/// Where the number at `p` ends, or, with `error` set, where the grammar was not met.
struct JsonNumber {
    const char* end;
    const char* error = nullptr;
    bool exponent = false;
};

inline JsonNumber json_number(const char* p, const char* last) {
    auto digits = [&] {
        const char* first = p;
        while (p < last && *p >= '0' && *p <= '9') ++p;
        return p != first;
    };
    if (p < last && *p == '-') ++p;
    if (p < last && *p == '0')
        ++p;
    else if (!digits())
        return {p, "expected a value"};
    if (p < last && *p == '.') {
        ++p;
        if (!digits()) return {p, "expected a digit after '.'"};
    }
    bool exponent = p < last && (*p == 'e' || *p == 'E');
    if (exponent) {
        ++p;
        if (p < last && (*p == '+' || *p == '-')) ++p;
        if (!digits()) return {p, "expected a digit in the exponent", true};
    }
    return {p, nullptr, exponent};
}

/// Whether a number of that grammar, starting at `first`, can be out of a double's range: only
/// with an exponent or with 300 digits or more (the readers convert only these to check).
inline bool may_be_out_of_range(const char* first, const JsonNumber& number) {
    return number.exponent || number.end - first >= 300;
}

}  // namespace mesh::core
