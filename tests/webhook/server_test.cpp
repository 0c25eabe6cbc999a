// The webhook server over real TLS on loopback: corpus reviews, bad inputs, stalled clients,
// certificate rotation and graceful stop.

#include "libmesh/webhook/server.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <mutex>
#include <thread>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/webhook/tls_test_support.hpp"

namespace mesh::webhook {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string review_text(const std::string& name) {
    return testing::read_test_file(testing::source_path("testdata/webhook/" + name));
}

class ServerTest : public ::testing::Test {
protected:
    testing::TestPki pki;
    std::unique_ptr<WebhookServer> server;
    std::future<core::Result<void>> running;

    void start(ServerOptions options = {}) {
        options.host = "127.0.0.1";
        options.port = 0;
        options.cert_file = pki.cert_file();
        options.key_file = pki.key_file();
        options.cert_reload_interval = 50ms;
        if (options.read_timeout == 10s) options.read_timeout = 1s;
        if (options.keep_alive_timeout == 5s) options.keep_alive_timeout = 1s;
        if (options.handshake_timeout == 5s) options.handshake_timeout = 1s;
        auto created = WebhookServer::create(std::move(options));
        ASSERT_TRUE(created) << created.error().message;
        server = std::move(*created);
        running = std::async(std::launch::async, [this] { return server->run(); });
        // Ready once /healthz answers.
        for (int i = 0; i < 200; ++i) {
            if (auto r = client()->Get("/healthz"); r && r->status == 200) return;
            std::this_thread::sleep_for(10ms);
        }
        FAIL() << "the server did not come up";
    }
    void TearDown() override {
        if (server) {
            server->stop();
            auto result = running.get();
            EXPECT_TRUE(result) << result.error().message;
        }
    }
    std::unique_ptr<httplib::SSLClient> client(const std::string& ca = {}) {
        auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port());
        c->set_ca_cert_path((ca.empty() ? pki.ca_file() : ca).c_str());
        c->enable_server_certificate_verification(true);
        c->set_connection_timeout(2s);
        c->set_read_timeout(5s);
        return c;
    }
    httplib::Result post(const std::string& body) { return client()->Post("/inject", body, "application/json"); }
};

// The value of metric `name` in a /metrics text, "?" when absent.
std::string metric(const std::string& metrics, const std::string& name) {
    auto at = metrics.find("\n" + name + " ");
    return at == std::string::npos
               ? "?"
               : metrics.substr(at + name.size() + 2, metrics.find('\n', at + 1) - at - name.size() - 2);
}

// Polls `condition` every 10 ms for up to 10 s: tests wait for the server's state, not for a guess
// of how long a loaded machine takes to reach it.
template <typename Condition> bool eventually(Condition condition) {
    for (int i = 0; i < 1000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

TEST_F(ServerTest, AnswersTheCorpusReviewsOverTls) {
    start();
    for (const char* name :
         {"admissionreview-v1-pod-create-busybox.json", "admissionreview-v1-pod-create-kubectl.json"}) {
        std::string body = review_text(name);
        auto res = post(body);
        ASSERT_TRUE(res) << httplib::to_string(res.error());
        EXPECT_EQ(res->status, 200);
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
        json response = json::parse(res->body)["response"];
        EXPECT_EQ(response["uid"], json::parse(body)["request"]["uid"]);
        EXPECT_EQ(response["allowed"], true);
        EXPECT_EQ(response["patchType"], "JSONPatch");
        auto patch = mesh::core::base64_decode(response["patch"].get<std::string>());
        ASSERT_TRUE(patch);
        EXPECT_FALSE(json::parse(*patch).empty());
    }
    auto health = client()->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    auto ready = client()->Get("/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 200);
    auto metrics = client()->Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("mesh_webhook_reviews_total{result=\"injected\"} 2\n"), std::string::npos)
        << metrics->body;
    EXPECT_NE(metrics->body.find("mesh_webhook_review_duration_seconds_count 2\n"), std::string::npos);
    EXPECT_NE(metrics->body.find("mesh_webhook_review_duration_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos);
}

TEST_F(ServerTest, BadInputsGet4xxAndTheServerCarriesOn) {
    ServerOptions options;
    options.max_body_bytes = 64 * 1024;
    start(options);
    json good = json::parse(review_text("admissionreview-v1-pod-create-busybox.json"));
    json wrong_kind = good;
    wrong_kind["kind"] = "Pod";
    json beta = good;
    beta["apiVersion"] = "admission.k8s.io/v1beta1";
    json no_object = good;
    no_object["request"].erase("object");
    for (const auto& [body, words] :
         std::vector<std::pair<std::string, std::string>>{{wrong_kind.dump(), "kind is 'Pod'"},
                                                          {beta.dump(), "only admission.k8s.io/v1"},
                                                          {no_object.dump(), "request.object is missing"},
                                                          {"this is not json", "not JSON"},
                                                          {"", "not JSON"}}) {
        auto res = post(body);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << words;
        EXPECT_NE(res->body.find(words), std::string::npos) << res->body;
    }
    auto huge = post(std::string(1u << 20, ' ') + good.dump());
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 413);
    auto after = post(good.dump());
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
    std::string metrics = server->metrics();
    EXPECT_NE(metrics.find("mesh_webhook_reviews_total{result=\"invalid\"} 5\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("mesh_webhook_requests_too_large_total 1\n"), std::string::npos) << metrics;
    auto get = client()->Get("/inject");
    ASSERT_TRUE(get);
    EXPECT_GE(get->status, 400);
}

// A pod's memory follows its node count, not its size: a body within the limit made of many tiny
// nodes is answered without injection (allowed, with a warning), not built node by node.
TEST_F(ServerTest, APodOfMoreNodesThanTheBodyLimitAllowsIsNotInjected) {
    ServerOptions options;
    options.max_body_bytes = 64 * 1024;  // 4,096 nodes
    start(options);
    json review = json::parse(review_text("admissionreview-v1-pod-create-busybox.json"));
    review["request"]["object"]["spec"]["containers"][0]["args"] = json::array();
    for (int i = 0; i < 5000; ++i) review["request"]["object"]["spec"]["containers"][0]["args"].push_back("");
    std::string body = review.dump();
    ASSERT_LT(body.size(), options.max_body_bytes);
    auto res = post(body);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200);
    json response = json::parse(res->body)["response"];
    EXPECT_EQ(response["allowed"], true);
    EXPECT_FALSE(response.contains("patch")) << res->body;
    EXPECT_NE(response["warnings"].dump().find("did not inject"), std::string::npos) << res->body;

    review["request"]["object"]["spec"]["containers"][0]["args"] = json::array({"3000 args fewer"});
    auto fewer = post(review.dump());
    ASSERT_TRUE(fewer);
    EXPECT_TRUE(json::parse(fewer->body)["response"].contains("patch")) << fewer->body;
}

TEST_F(ServerTest, AChunkedBodyIsCappedWhileItIsRead) {
    ::signal(SIGPIPE, SIG_IGN);  // the server may close before the client has written everything
    ServerOptions options;
    options.max_body_bytes = 64 * 1024;
    start(options);
    testing::RawTlsClient client_conn(server->port());
    ASSERT_TRUE(client_conn.connected());
    client_conn.write(
        "POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string chunk = "4000\r\n" + std::string(0x4000, ' ') + "\r\n";
    for (int i = 0; i < 6; ++i) client_conn.write(chunk);  // 96 KiB, never finished
    bool closed = false;
    client_conn.read_until_closed(3s, closed);
    EXPECT_TRUE(closed);
    EXPECT_NE(server->metrics().find("mesh_webhook_requests_too_large_total 1\n"), std::string::npos)
        << server->metrics();
    auto res = post(review_text("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

// The only worker is held by a stalled client until the timeouts free it: httplib 0.11 drops a
// client stalled after the handshake within keep_alive_timeout + read_timeout (1 s + 1 s here).
void expect_dropped(testing::RawTlsClient& stalled) {
    ASSERT_TRUE(stalled.connected());
    auto started = std::chrono::steady_clock::now();
    bool closed = false;
    stalled.read_until_closed(5s, closed);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
}

TEST_F(ServerTest, AClientStalledBeforeTheHandshakeIsDropped) {
    ServerOptions options;
    options.threads = 1;
    options.read_timeout = 30s;  // the handshake has a deadline of its own
    start(options);
    testing::RawTlsClient stalled(server->port(), false);
    expect_dropped(stalled);
    auto res = post(review_text("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, AClientStalledMidRequestIsDropped) {
    ServerOptions options;
    options.threads = 1;
    start(options);
    testing::RawTlsClient stalled(server->port());
    stalled.write(
        "POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"kind\":");
    expect_dropped(stalled);
    auto res = post(review_text("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, AClientStalledInTheHeadersIsDropped) {
    ServerOptions options;
    options.threads = 1;
    start(options);
    testing::RawTlsClient stalled(server->port());
    stalled.write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Le");
    expect_dropped(stalled);
}

TEST_F(ServerTest, ARotatedCertificateIsServedWithoutARestart) {
    start();
    std::string old_ca = pki.dir() / "old-ca.crt";
    std::filesystem::copy_file(pki.ca_file(), old_ca);
    pki.rotate();
    EXPECT_TRUE(eventually([&] {
        auto res = client()->Get("/healthz");  // trusts only the new CA
        return res && res->status == 200;
    }));
    EXPECT_FALSE(client(old_ca)->Get("/healthz"));
    EXPECT_NE(server->metrics().find("mesh_webhook_certificate_reloads_total 1\n"), std::string::npos)
        << server->metrics();
}

TEST_F(ServerTest, ABrokenRotationKeepsThePreviousCertificate) {
    start();
    { std::ofstream(pki.cert_file(), std::ios::trunc) << "not a certificate\n"; }
    EXPECT_TRUE(
        eventually([&] { return metric(server->metrics(), "mesh_webhook_certificate_reload_errors_total") == "1"; }));
    auto res = client()->Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, StopFinishesTheRequestInFlightAndRefusesNewOnes) {
    ::signal(SIGPIPE, SIG_IGN);  // a probe may connect while the server is closing
    start();
    std::string body = review_text("admissionreview-v1-pod-create-kubectl.json");
    testing::RawTlsClient in_flight(server->port());
    ASSERT_TRUE(in_flight.connected());
    in_flight.write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 100));
    // Stop only once the server is reading that body (it holds its budget), however slow the machine.
    ASSERT_TRUE(
        eventually([&] { return metric(server->metrics(), "mesh_webhook_request_body_bytes_admitted") != "0"; }));
    auto stopping = std::async(std::launch::async, [this] { server->stop(); });
    EXPECT_TRUE(eventually([&] { return !client()->Get("/healthz"); }));  // no longer accepting
    in_flight.write(body.substr(100));
    bool closed = false;
    std::string reply = in_flight.read_until_closed(3s, closed);
    EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply.substr(0, 200);
    EXPECT_NE(reply.find("\"patchType\":\"JSONPatch\""), std::string::npos);
    stopping.get();
    auto result = running.get();
    EXPECT_TRUE(result);
    server.reset();
}

// A pod gets 30 s between SIGTERM and SIGKILL: stop() must end within its grace period (20 s by
// default, 1 s here) whatever 200 clients hold: connections mid-handshake, idle after it, and
// requests whose bodies never finish.
TEST_F(ServerTest, StopEndsWithinTheGracePeriodWhateverClientsHold) {
    ::signal(SIGPIPE, SIG_IGN);  // clients write while the server closes connections
    ServerOptions options;
    options.handshake_timeout = 60s;
    options.read_timeout = 60s;
    options.keep_alive_timeout = 60s;
    options.shutdown_grace = 1s;
    start(options);
    std::vector<std::unique_ptr<testing::RawTlsClient>> clients;
    for (int i = 0; i < 200; ++i) {
        clients.push_back(std::make_unique<testing::RawTlsClient>(server->port(), i % 3 != 0));
        if (i % 3 == 2)
            clients.back()->write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 5000\r\n\r\n{\"kind\":");
    }
    auto stopping = std::async(std::launch::async, [this] { server->stop(); });
    ASSERT_EQ(running.wait_for(30s), std::future_status::ready) << "the server outlived a pod's grace period";
    EXPECT_TRUE(running.get());
    stopping.get();
    server.reset();
    clients.clear();
}

TEST_F(ServerTest, AnEndlessRequestLineIsCutOffWhileItIsRead) {
    ::signal(SIGPIPE, SIG_IGN);  // the server closes before the client has written everything
    ServerOptions options;
    options.read_timeout = 30s;  // closed for its size, not for stalling
    start(options);
    testing::RawTlsClient hostile(server->port());
    ASSERT_TRUE(hostile.connected());
    hostile.write("GET /" + std::string(128u << 10, 'a'));  // no newline, ever
    bool closed = false;
    std::string reply = hostile.read_until_closed(10s, closed);
    EXPECT_TRUE(closed);
    // The 431 may be lost to the reset that unread bytes cause; the counter says why it closed.
    EXPECT_TRUE(reply.empty() || reply.rfind("HTTP/1.1 431", 0) == 0) << reply.substr(0, 100);
    EXPECT_EQ(metric(server->metrics(), "mesh_webhook_request_headers_too_large_total"), "1") << server->metrics();
    auto res = post(review_text("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, HeadersOverTheLimitsAreRefused) {
    ServerOptions options;
    options.max_header_bytes = 4096;
    start(options);
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) many += "X-" + std::to_string(i) + ": y\r\n";  // 150 fields, 1.5 KiB
    std::string long_one = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(5000, 'y') + "\r\n";
    for (const auto& head : {many, long_one}) {
        testing::RawTlsClient conn(server->port());
        ASSERT_TRUE(conn.connected());
        conn.write(head + "\r\n");
        bool closed = false;
        std::string reply = conn.read_until_closed(5s, closed);
        EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 100);
        EXPECT_TRUE(closed);
    }
    EXPECT_EQ(metric(server->metrics(), "mesh_webhook_request_headers_too_large_total"), "2");
}

TEST_F(ServerTest, IdleConnectionsDoNotDelayReviewsOrHealthProbes) {
    ServerOptions options;
    options.threads = 1;
    options.read_timeout = 30s;
    options.keep_alive_timeout = 30s;
    options.handshake_timeout = 30s;
    start(options);
    std::vector<std::unique_ptr<testing::RawTlsClient>> idle;
    for (int i = 0; i < 40; ++i) idle.push_back(std::make_unique<testing::RawTlsClient>(server->port(), i % 2 == 0));
    for (auto& conn : idle) ASSERT_TRUE(conn->connected());
    auto health = client()->Get("/healthz");  // the client gives up after 5 s; the idle ones hold 30 s
    ASSERT_TRUE(health) << httplib::to_string(health.error());
    EXPECT_EQ(health->status, 200);
    auto res = post(review_text("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    // Stopping closes the idle connections instead of waiting out their 30 s.
    server->stop();
    ASSERT_EQ(running.wait_for(10s), std::future_status::ready);
    EXPECT_TRUE(running.get());
    server.reset();
}

TEST_F(ServerTest, ConnectionsOverTheCapAreClosedAtOnce) {
    ServerOptions options;
    options.max_connections = 3;
    options.handshake_timeout = 30s;
    options.read_timeout = 30s;
    start(options);
    // start()'s /healthz probe closed its connection; wait until the server has seen it go.
    for (int i = 0; i < 1000 && metric(server->metrics(), "mesh_webhook_connections_open") != "0"; ++i)
        std::this_thread::sleep_for(10ms);
    ASSERT_EQ(metric(server->metrics(), "mesh_webhook_connections_open"), "0");
    std::vector<std::unique_ptr<testing::RawTlsClient>> held;
    for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<testing::RawTlsClient>(server->port(), false));
    testing::RawTlsClient over(server->port(), false);
    ASSERT_TRUE(over.connected());
    bool closed = false;
    over.read_until_closed(10s, closed);
    EXPECT_TRUE(closed);
    EXPECT_EQ(metric(server->metrics(), "mesh_webhook_connections_refused_total"), "1");
    held.clear();
}

TEST_F(ServerTest, StringsFromRequestsAreLoggedEscaped) {
    auto lines = std::make_shared<std::vector<std::string>>();
    auto mutex = std::make_shared<std::mutex>();
    ServerOptions options;
    options.log = [lines, mutex](const std::string& line) {
        std::lock_guard lock(*mutex);
        lines->push_back(line);
    };
    start(options);
    json review = json::parse(review_text("admissionreview-v1-pod-create-busybox.json"));
    review["kind"] = "Pod\n2026-01-01T00:00:00Z mesh webhook: forged \x1b[31mred";
    auto res = post(review.dump());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(res->body.find('\x1b'), std::string::npos);
    std::lock_guard lock(*mutex);
    bool seen = false;
    for (const auto& line : *lines) {
        EXPECT_EQ(line.find_first_of("\n\x1b"), std::string::npos) << line;
        seen = seen || line.find("Pod\\n2026-01-01T00:00:00Z mesh webhook: forged \\x1b[31mred") != std::string::npos;
    }
    EXPECT_TRUE(seen);
}

TEST(ListenAddress, Parses) {
    EXPECT_EQ(parse_listen_address(":8443").value(), std::make_pair(std::string("0.0.0.0"), 8443));
    EXPECT_EQ(parse_listen_address("127.0.0.1:0").value(), std::make_pair(std::string("127.0.0.1"), 0));
    EXPECT_EQ(parse_listen_address("[::1]:9443").value(), std::make_pair(std::string("::1"), 9443));
    EXPECT_FALSE(parse_listen_address("8443"));
    EXPECT_FALSE(parse_listen_address(":70000"));
    EXPECT_FALSE(parse_listen_address(":https"));
    EXPECT_FALSE(parse_listen_address("::1:8443"));
}

}  // namespace
}  // namespace mesh::webhook
