#include "libmesh/admin/json_skip.hpp"

#include <charconv>
#include <cstdint>

#include "libmesh/admin/json_scan.hpp"
#include "libmesh/core/json_scalars.hpp"

namespace mesh::admin {

using json_scan_detail::is_ws;
using json_scan_detail::plain_string_bytes;

// One function over local pointers, so that they live in registers: this runs for every value
// status skips (about 340 in a real metrics tree), most of them small objects of a few numbers.
std::optional<std::size_t> skip_json_value(std::string_view text, std::size_t at) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin + at;
    std::uint64_t objects = 0;  // bit d: the container at depth d is an object
    unsigned depth = 0;         // containers open

    // The byte at p, or NUL at the end (never what a caller looks for, as a NUL byte is not either).
    auto peek = [&] { return p < end ? *p : '\0'; };
    auto skip_ws = [&] {  // one comparison where there is none, as in Linkerd's compact JSON
        while (p < end && static_cast<unsigned char>(*p) <= ' ' && is_ws(*p)) ++p;
    };
    auto string = [&] {  // on its opening quote; declines on a backslash or a control character
        ++p;
        p += plain_string_bytes(p, static_cast<std::size_t>(end - p));
        if (peek() != '"') return false;
        ++p;
        return true;
    };
    auto key = [&] {  // `"key" :` and the white space before its value
        if (peek() != '"' || !string()) return false;
        skip_ws();
        if (peek() != ':') return false;
        ++p;
        skip_ws();
        return true;
    };
    auto literal = [&] {
        std::size_t size = core::json_literal(p, end);
        p += size;
        return size != 0;
    };
    // A number as scan_json reads it: its grammar, and the range of a double.
    auto number = [&] {
        const char* first = p;
        core::JsonNumber extent = core::json_number(p, end);
        p = extent.end;
        if (extent.error) return false;
        if (!core::may_be_out_of_range(first, extent)) return true;
        double v = 0;
        auto [stop, ec] = std::from_chars(first, p, v);
        return ec == std::errc{} && stop == p;
    };

    while (true) {
        // A value; an object or array is opened here and read on by the loop.
        bool ok = true;
        switch (peek()) {
        case '{':
        case '[': {
            if (depth == 64) return std::nullopt;
            bool object = *p++ == '{';
            std::uint64_t bit = std::uint64_t{1} << depth;
            objects = object ? objects | bit : objects & ~bit;
            ++depth;
            skip_ws();
            if (peek() == (object ? '}' : ']')) {  // empty
                ++p;
                --depth;
                break;
            }
            if (object && !key()) return std::nullopt;
            continue;  // to its first value
        }
        case '"': ok = string(); break;
        case 't':
        case 'f':
        case 'n': ok = literal(); break;
        default: ok = number(); break;
        }
        if (!ok) return std::nullopt;
        // After a value: closers, then a separator and the next value, or the end.
        bool next = false;
        while (depth > 0 && !next) {
            skip_ws();
            bool in_object = (objects >> (depth - 1)) & 1u;
            char c = peek();
            if (c == ',') {
                ++p;
                skip_ws();
                if (in_object && !key()) return std::nullopt;
                next = true;
            } else if (c == (in_object ? '}' : ']')) {
                ++p;
                --depth;
            } else {
                return std::nullopt;
            }
        }
        if (!next) return static_cast<std::size_t>(p - begin);
    }
}

}  // namespace mesh::admin
