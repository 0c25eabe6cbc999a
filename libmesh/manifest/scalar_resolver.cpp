#include "libmesh/manifest/scalar_resolver.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace mesh::manifest {

static bool is_one_of(std::string_view s, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), s) != words.end();
}

// At least one digit, all of them below `base`.
static bool digits(std::string_view s, int base) {
    bool any = false;
    for (char c : s) {
        int v = std::isdigit(static_cast<unsigned char>(c))    ? c - '0'
                : std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                               : 99;
        if (v >= base) return false;
        any = true;
    }
    return any;
}

static bool is_int(std::string_view s) {
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return digits(s.substr(2), 16);
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) return digits(s.substr(2), 2);
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) return digits(s.substr(2), 8);
    return digits(s, 10);
}

static bool is_float(std::string_view s) {
    if (is_one_of(
            s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"}))
        return true;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    bool mantissa = false, dot = false;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (std::isdigit(static_cast<unsigned char>(c)))
            mantissa = true;
        else if (c == '.' && !dot)
            dot = true;
        else
            break;
    }
    if (!mantissa) return false;
    if (i == s.size()) return dot;
    if (s[i] != 'e' && s[i] != 'E') return false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// Go's ParseInt and ParseFloat syntax, for a text without underscores.
static ScalarType go_number_type(std::string_view s) {
    if (is_int(s)) return ScalarType::Int;
    if (is_float(s)) return ScalarType::Float;
    return ScalarType::String;
}

// Go's ParseFloat takes an underscore only between two digits.
static bool underscores_between_digits(std::string_view s) {
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '_' && (i == 0 || i + 1 == s.size() || !digit(s[i - 1]) || !digit(s[i + 1]))) return false;
    return true;
}

// go-yaml's choice: by its first character a plain scalar may be a number only when it is a digit
// or a sign (then every underscore is dropped before Go's ParseInt and ParseFloat: `1e_3` is 1000)
// or a dot (ParseFloat of the text as written: `.5_0` is 0.5, `._5` a string). So `_123` is a
// string, as Kubernetes reads it.
static ScalarType number_type(std::string_view s) {
    char c = s.empty() ? '\0' : s[0];
    bool may_be_number =
        c == '.' ? underscores_between_digits(s) : std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-';
    if (!may_be_number) return ScalarType::String;
    if (s.find('_') == std::string_view::npos) return go_number_type(s);  // nearly every number: no copy
    std::string plain(s);
    plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
    return go_number_type(plain);
}

bool surely_string(std::string_view text) {
    // The longest null, bool or .inf word has 5 characters; a number starts with a digit, a sign
    // or a dot.
    if (text.size() <= 5) return false;
    char c = text[0];
    return !(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.');
}

ResolvedScalar resolve_plain(std::string_view text) {
    if (surely_string(text)) return {ScalarType::String, std::string(text)};
    // Null and bool words start with one of these (or are empty); most short values do not.
    bool may_be_word = text.empty() || std::string_view("~nNyYtTfFoO").find(text[0]) != std::string_view::npos;
    if (!may_be_word) return {number_type(text), std::string(text)};
    if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) return {ScalarType::Null, "null"};
    if (is_one_of(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}))
        return {ScalarType::Bool, "true"};
    if (is_one_of(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}))
        return {ScalarType::Bool, "false"};
    return {number_type(text), std::string(text)};
}

}  // namespace mesh::manifest
