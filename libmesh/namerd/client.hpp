#pragma once
// A small client for namerd's HTTP control API (io.l5d.httpController, `/api/1/...`) over
// libcurl's easy interface: dtab CRUD with ETag / If-Match, watch streams and delegation.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"

namespace mesh::namerd {

/// Where namerd is and how long to wait for it.
struct ClientOptions {
    std::string base_url;  ///< e.g. http://namerd:4180 (a path on it is kept)
    long connect_timeout_ms = 5000;
    long timeout_ms = 30000;  ///< whole request; watches have none
    std::size_t max_body_bytes = 64u << 20;
};

/// One HTTP exchange's outcome.
struct Response {
    long status = 0;
    std::string status_line;                     ///< e.g. `HTTP/1.1 412 Precondition Failed`
    std::map<std::string, std::string> headers;  ///< names lower-cased
    std::string body;
};

/// A dtab as namerd stores it, with its version (the ETag), empty when namerd sent none.
struct VersionedDtab {
    dtab::Dtab dtab;
    std::string version;
    std::string json;  ///< the body as namerd sent it
};

/// Checks a base URL as namerctl did: it needs a scheme and a host.
core::Result<std::string> normalize_base_url(const std::string& url);

/// The namerd client; every call is synchronous.
class Client {
public:
    /// A client for the (already normalized) base URL.
    explicit Client(ClientOptions options);

    /// GET /api/1/dtabs: the namespace names, sorted as namerd sends them.
    core::Result<std::vector<std::string>> list();

    /// GET /api/1/dtabs/NS as JSON; fails with a "not found" error on 404.
    core::Result<VersionedDtab> get(const std::string& ns);

    /// POST /api/1/dtabs/NS (application/dtab); refuses on 409 (exists).
    core::Result<void> create(const std::string& ns, const dtab::Dtab& dtab);

    /// PUT /api/1/dtabs/NS; with `version` it is a compare-and-set (412 becomes a refusal),
    /// without it an unconditional upsert.
    core::Result<void> update(const std::string& ns, const dtab::Dtab& dtab, const std::optional<std::string>& version);

    /// DELETE /api/1/dtabs/NS.
    core::Result<void> remove(const std::string& ns);

    /// GET /api/1/dtabs/NS?watch=true (or the namespace list when `ns` is empty): calls
    /// `on_item` with each line as it arrives until the stream ends or `on_item` returns false.
    core::Result<void> watch(const std::string& ns, const std::function<bool(const std::string&)>& on_item);

    /// GET /api/1/delegate/NS?path=PATH[&dtab=EXTRA]: namerd's delegate tree JSON, as sent.
    core::Result<std::string> delegate(const std::string& ns, const std::string& path, const std::string& extra_dtab);

    /// One request to `path_and_query` under the base URL; `on_data`, when given, receives the
    /// body as it streams in (and the returned body stays empty).
    core::Result<Response> request(const std::string& method, const std::string& path_and_query,
                                   const std::vector<std::string>& headers, const std::string& body,
                                   const std::function<bool(std::string_view)>& on_data = {});

private:
    std::string dtab_url(const std::string& ns) const;
    core::Error http_error(const Response& r, const std::string& what) const;

    ClientOptions m_options;
};

/// Decodes namerd's JSON dtab form `[{"prefix":"/a","dst":"/b"}]`.
core::Result<dtab::Dtab> dtab_from_json(const std::string& json);

/// Encodes a dtab in namerd's JSON form (`[{"prefix":...,"dst":...}]`).
std::string dtab_to_json(const dtab::Dtab& dtab);

/// URL-encodes a query parameter or path segment.
std::string url_encode(std::string_view s);

}  // namespace mesh::namerd
