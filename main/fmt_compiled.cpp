// fmt's compiled part, for the mesh executable. Debian ships fmt as a shared library only, and
// libfmt.so loads libstdc++.so, whose symbol lookups were most of mesh's start-up instructions; so
// the executable takes fmt's definitions from here and libstdc++ statically (main/CMakeLists.txt).
// format-inl.h holds the non-template definitions; the templates format.h declares `extern` are
// instantiated below, as fmt's own build does for its library.
#include <fmt/format-inl.h>

namespace fmt {
inline namespace v9 {
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto thousands_sep_impl<wchar_t>(locale_ref) -> thousands_sep_result<wchar_t>;
template auto decimal_point_impl(locale_ref) -> char;
template auto decimal_point_impl(locale_ref) -> wchar_t;
template locale_ref::locale_ref(const std::locale&);
template auto locale_ref::get<std::locale>() const -> std::locale;
}  // namespace detail
}  // namespace v9
}  // namespace fmt
