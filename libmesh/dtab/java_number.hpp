#pragma once
// Numbers printed the way the JVM prints them, so output matches Finagle and Jackson byte for byte.

#include <string>

namespace mesh::dtab {

/// Java's `"%.2f".format(d)` in a C/English locale: shortest decimal digits rounded HALF_UP.
std::string java_format_2f(double value);

/// Java's `Double.toString(d)` (also Jackson's rendering of a double): `1.0`, `0.3`, `1.0E-4`.
std::string java_double_to_string(double value);

}  // namespace mesh::dtab
