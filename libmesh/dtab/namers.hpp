#pragma once
// The namers that can answer offline: Finagle's global `/$/` namer (inet, fixedinet, nil, fail),
// linkerd's `/$/io.buoyant.*` rewriting namers, symbolic `/#/<namer>` binding, and an io.l5d.fs
// namer reading a directory.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "libmesh/dtab/path.hpp"

namespace mesh::dtab {

/// One IP socket address, the IP in Java's `getHostAddress` form.
struct SocketAddress {
    SocketAddress() = default;
    /// An address; `weight` only for a WeightedAddress.
    SocketAddress(std::string ip_, int port_, std::optional<double> weight_ = std::nullopt)
        : ip(std::move(ip_)), port(port_), weight(weight_) {}
    std::string ip;
    int port = 0;
    std::optional<double> weight;  ///< io.l5d.fs `host port * W`: meta endpoint_addr_weight (WeightedAddress)
    friend bool operator==(const SocketAddress&, const SocketAddress&) = default;
};

/// Finagle's Addr: bound addresses, neg, failed, or pending (here: needs live resolution).
struct Addr {
    enum class Kind : unsigned char { Bound, Neg, Failed, Pending };
    Kind kind = Kind::Pending;
    std::vector<SocketAddress> addrs;       ///< Bound only
    std::string cause;                      ///< Failed: the message; Pending: why it is unknown offline
    std::optional<double> nametree_weight;  ///< Bound in a union member: meta namer_nametree_weight
};

/// A bound name: its id, the residual path left for the client, and its address.
struct BoundName {
    Path id;
    Path residual;
    Addr addr;
};

/// What a namer answered for a path.
struct NamerResult {
    enum class Kind : unsigned char { Neg, Fail, Empty, Bound, Rewrite, Error };
    Kind kind = Kind::Neg;
    BoundName bound;      ///< Bound
    Path path;            ///< Rewrite: the new path, bound again through the dtab
    std::string message;  ///< Error
};

/// Which namers exist for an offline delegation.
struct NamerConfig {
    /// `/#/<namer>/...` paths bind symbolically (id + residual, address pending); when false they
    /// are Neg, as for a linkerd with no namers configured.
    bool symbolic_hash_namers = true;
    /// When set, `/#/io.l5d.fs/<name>` reads `<dir>/<name>` (lines of `host port`).
    std::optional<std::string> fs_dir;
    /// Further namers, each mounted at `/#/<name>` and given the path after the mount point;
    /// consulted in order before the built-in ones (linkerd's configured `namers`). When all
    /// of a name's namers answer Neg, the path is Neg (no symbolic binding).
    std::vector<std::pair<std::string, std::function<NamerResult(const Path&)>>> mounted;
};

/// The offline namers, consulted after the dtab gave Neg.
class Namers {
public:
    /// Namers configured as `config` says.
    explicit Namers(NamerConfig config = {});

    /// Asks the configured namers, then Finagle's global namer, about `path`.
    NamerResult lookup(const Path& path) const;

private:
    NamerResult lookup_hash(const Path& path) const;
    NamerResult lookup_fs(const Path& rest) const;

    NamerConfig m_config;
};

/// Finagle's global namer plus linkerd's `/$/io.buoyant.*` classes for a path starting `/$`.
NamerResult lookup_global(const Path& path);

/// The address of `host:port` when host is an IP literal (Java's forms, `127.1` included);
/// otherwise Pending, since resolving a host name needs the network.
Addr inet_addr(const std::string& host, int port);

/// The `/$/` class names mesh knows offline (for lint).
const std::vector<std::string>& known_global_namers();

/// How many path elements after `/#/<namer>` form the bound id for a known namer (default 1).
std::size_t symbolic_id_length(const std::string& namer);

}  // namespace mesh::dtab
