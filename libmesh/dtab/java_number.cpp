#include "libmesh/dtab/java_number.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace mesh::dtab {

namespace {

// Shortest round-trip digits and decimal exponent: value = 0.d1d2d3... * 10^exp10.
struct Digits {
    std::string digits;  // no leading zeros, at least one digit
    int point = 0;       // position of the decimal point relative to digits[0]
    bool negative = false;
};

Digits shortest_digits(double value) {
    Digits d;
    d.negative = std::signbit(value);
    // fmt's "{}" gives the shortest round-trip digits, as Java's Double.toString does.
    std::string s = fmt::format("{}", std::fabs(value));
    std::string mantissa = s;
    int exp10 = 0;
    auto e = s.find_first_of("eE");
    if (e != std::string::npos) {
        mantissa = s.substr(0, e);
        exp10 = std::atoi(s.c_str() + e + 1);
    }
    auto dot = mantissa.find('.');
    std::string int_part = dot == std::string::npos ? mantissa : mantissa.substr(0, dot);
    std::string frac_part = dot == std::string::npos ? "" : mantissa.substr(dot + 1);
    std::string all = int_part + frac_part;
    int point = static_cast<int>(int_part.size()) + exp10;
    std::size_t lead = all.find_first_not_of('0');
    if (lead == std::string::npos) {
        d.digits = "0";
        d.point = 1;
        return d;
    }
    all = all.substr(lead);
    point -= static_cast<int>(lead);
    while (all.size() > 1 && all.back() == '0') all.pop_back();
    d.digits = all;
    d.point = point;
    return d;
}

}  // namespace

std::string java_format_2f(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    Digits d = shortest_digits(value);
    // Build the fixed representation with all digits, then round HALF_UP at 2 decimals, as
    // java.util.Formatter does on Double.toString's digits (0.125 -> 0.13, unlike C's 0.12).
    std::string int_part;
    std::string frac;
    if (d.point <= 0) {
        int_part = "0";
        frac = std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
    } else if (static_cast<std::size_t>(d.point) >= d.digits.size()) {
        int_part = d.digits + std::string(static_cast<std::size_t>(d.point) - d.digits.size(), '0');
    } else {
        int_part = d.digits.substr(0, static_cast<std::size_t>(d.point));
        frac = d.digits.substr(static_cast<std::size_t>(d.point));
    }
    while (frac.size() < 3) frac += '0';
    bool round_up = frac[2] >= '5';
    std::string number = int_part + frac.substr(0, 2);
    if (round_up) {
        int i = static_cast<int>(number.size()) - 1;
        while (i >= 0) {
            if (number[static_cast<std::size_t>(i)] == '9') {
                number[static_cast<std::size_t>(i)] = '0';
                --i;
            } else {
                ++number[static_cast<std::size_t>(i)];
                break;
            }
        }
        if (i < 0) number.insert(number.begin(), '1');
    }
    std::string out = number.substr(0, number.size() - 2) + "." + number.substr(number.size() - 2);
    bool all_zero = out.find_first_not_of("0.") == std::string::npos;
    if (d.negative && !all_zero) out.insert(out.begin(), '-');
    return out;
}

std::string java_double_to_string(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
    Digits d = shortest_digits(value);
    std::string sign = d.negative ? "-" : "";
    double mag = std::fabs(value);
    if (mag >= 1e-3 && mag < 1e7) {
        std::string int_part;
        std::string frac;
        if (d.point <= 0) {
            int_part = "0";
            frac = std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
        } else if (static_cast<std::size_t>(d.point) >= d.digits.size()) {
            int_part = d.digits + std::string(static_cast<std::size_t>(d.point) - d.digits.size(), '0');
        } else {
            int_part = d.digits.substr(0, static_cast<std::size_t>(d.point));
            frac = d.digits.substr(static_cast<std::size_t>(d.point));
        }
        if (frac.empty()) frac = "0";
        return sign + int_part + "." + frac;
    }
    std::string frac = d.digits.size() > 1 ? d.digits.substr(1) : "0";
    return sign + d.digits.substr(0, 1) + "." + frac + "E" + std::to_string(d.point - 1);
}

}  // namespace mesh::dtab
