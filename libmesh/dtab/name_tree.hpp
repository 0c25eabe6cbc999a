#pragma once
// Finagle's NameTree over paths: Leaf, Alt (`|`), weighted Union (`&`), Neg (`~`), Fail (`!`),
// Empty (`$`), with Finagle's printer, evaluation and simplification.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "libmesh/dtab/path.hpp"

namespace mesh::dtab {

/// A name tree; Union children carry weights (parallel vectors), other kinds ignore them.
struct NameTree {
    enum class Kind : unsigned char { Leaf, Alt, Union, Neg, Fail, Empty };
    static constexpr std::size_t k_no_offset = std::numeric_limits<std::size_t>::max();

    Kind kind = Kind::Neg;
    Path path;                         ///< Leaf only
    std::vector<NameTree> children;    ///< Alt and Union
    std::vector<double> weights;       ///< Union only, one per child
    std::size_t offset = k_no_offset;  ///< byte offset in the parsed text; not part of equality

    /// A leaf naming `p`.
    static NameTree leaf(Path p);
    /// An Alt of the given children, in order.
    static NameTree alt(std::vector<NameTree> children);
    /// A Union of the children with the given weights (same length).
    static NameTree union_of(std::vector<double> weights, std::vector<NameTree> children);
    /// `~`
    static NameTree neg();
    /// `!`
    static NameTree fail();
    /// `$`
    static NameTree empty();
};

/// Structural equality (weights compared exactly, offsets ignored).
bool operator==(const NameTree& a, const NameTree& b);

/// Finagle's `NameTree.show` (`/a & 2.00*/b | !`).
std::string show(const NameTree& tree);

/// Result of Finagle's `NameTree.eval`: Neg or Fail ("none"), or a set of leaf paths (maybe empty).
struct EvalResult {
    enum class Kind : unsigned char { Neg, Fail, Set };
    Kind kind = Kind::Neg;
    std::vector<Path> leaves;  ///< sorted, unique; only for Set
    friend bool operator==(const EvalResult&, const EvalResult&) = default;
};

/// Evaluates the tree as Finagle does (weights ignored, Fail dropped inside a Union).
EvalResult eval(const NameTree& tree);

/// Finagle's `simplified`: an evaluation-equivalent fixpoint with Neg removed, Alt cut after Fail.
NameTree simplified(const NameTree& tree);

/// The tree with `suffix` appended to every leaf (what a dtab lookup does with the residual).
NameTree append_residual(const NameTree& tree, const Path& suffix);

}  // namespace mesh::dtab
