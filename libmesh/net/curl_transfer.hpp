#pragma once
// One libcurl easy handle set up from a Request: the single place mesh configures libcurl, shared
// by the batch client (multi interface) and perform() (easy interface). Private to net/.

#include <curl/curl.h>

#include <chrono>

#include "libmesh/net/http_client.hpp"

namespace mesh::net::detail {

/// A request in flight: its handle, what it owns for libcurl, and the response being built.
struct Transfer {
    std::size_t index = 0;
    const Request* request = nullptr;
    const BodySink* sink = nullptr;  ///< when set, receives the body instead of response.body
    const HeadSink* head = nullptr;  ///< when set, sees the status line and headers before the body
    bool head_seen = false;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    curl_slist* connect_to = nullptr;
    Response response;
    bool too_large = false;
    std::chrono::steady_clock::time_point started;
    char error_buffer[CURL_ERROR_SIZE] = {};

    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() { release(); }

    /// Frees the handle and the lists it used (safe to call twice).
    void release();
};

/// Calls curl_global_init once for the process (it is not thread-safe).
void global_init();

/// Creates `t.easy` and sets every option `*t.request` asks for; false when libcurl cannot start.
bool configure(Transfer& t);

/// Fills `t.response` from the finished transfer's result `code`.
void finish(Transfer& t, CURLcode code);

}  // namespace mesh::net::detail
