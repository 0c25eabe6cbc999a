// The webhook server over real TLS on loopback: corpus reviews, bad inputs, stalled clients,
// certificate rotation and graceful stop.

#include "libmesh/webhook/server.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <future>
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

std::string corpus(const std::string& name) {
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

TEST_F(ServerTest, AnswersTheCorpusReviewsOverTls) {
    start();
    for (const char* name : {"admissionreview-v1-pod-create-busybox.json", "admissionreview-v1-pod-create-kubectl.json"}) {
        std::string body = corpus(name);
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
    EXPECT_NE(metrics->body.find("mesh_webhook_reviews_total{result=\"injected\"} 2\n"), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find("mesh_webhook_review_duration_seconds_count 2\n"), std::string::npos);
    EXPECT_NE(metrics->body.find("mesh_webhook_review_duration_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos);
}

TEST_F(ServerTest, BadInputsGet4xxAndTheServerCarriesOn) {
    ServerOptions options;
    options.max_body_bytes = 64 * 1024;
    start(options);
    json good = json::parse(corpus("admissionreview-v1-pod-create-busybox.json"));
    json wrong_kind = good;
    wrong_kind["kind"] = "Pod";
    json beta = good;
    beta["apiVersion"] = "admission.k8s.io/v1beta1";
    json no_object = good;
    no_object["request"].erase("object");
    for (const auto& [body, words] : std::vector<std::pair<std::string, std::string>>{
             {wrong_kind.dump(), "kind is 'Pod'"},
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

TEST_F(ServerTest, AChunkedBodyIsCappedWhileItIsRead) {
    ::signal(SIGPIPE, SIG_IGN);  // the server may close before the client has written everything
    ServerOptions options;
    options.max_body_bytes = 64 * 1024;
    start(options);
    testing::RawTlsClient client_conn(server->port());
    ASSERT_TRUE(client_conn.connected());
    client_conn.write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string chunk = "4000\r\n" + std::string(0x4000, ' ') + "\r\n";
    for (int i = 0; i < 6; ++i) client_conn.write(chunk);  // 96 KiB, never finished
    bool closed = false;
    client_conn.read_until_closed(3s, closed);
    EXPECT_TRUE(closed);
    EXPECT_NE(server->metrics().find("mesh_webhook_requests_too_large_total 1\n"), std::string::npos) << server->metrics();
    auto res = post(corpus("admissionreview-v1-pod-create-busybox.json"));
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
    start(options);
    testing::RawTlsClient stalled(server->port(), false);
    expect_dropped(stalled);
    auto res = post(corpus("admissionreview-v1-pod-create-busybox.json"));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, AClientStalledMidRequestIsDropped) {
    ServerOptions options;
    options.threads = 1;
    start(options);
    testing::RawTlsClient stalled(server->port());
    stalled.write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"kind\":");
    expect_dropped(stalled);
    auto res = post(corpus("admissionreview-v1-pod-create-busybox.json"));
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
    bool switched = false;
    for (int i = 0; i < 100 && !switched; ++i) {
        auto res = client()->Get("/healthz");  // trusts only the new CA
        switched = res && res->status == 200;
        if (!switched) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(switched);
    EXPECT_FALSE(client(old_ca)->Get("/healthz"));
    EXPECT_NE(server->metrics().find("mesh_webhook_certificate_reloads_total 1\n"), std::string::npos) << server->metrics();
}

TEST_F(ServerTest, ABrokenRotationKeepsThePreviousCertificate) {
    start();
    {
        std::ofstream(pki.cert_file(), std::ios::trunc) << "not a certificate\n";
    }
    bool rejected = false;
    for (int i = 0; i < 100 && !rejected; ++i) {
        rejected = server->metrics().find("mesh_webhook_certificate_reload_errors_total 1\n") != std::string::npos;
        if (!rejected) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(rejected);
    auto res = client()->Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, StopFinishesTheRequestInFlightAndRefusesNewOnes) {
    start();
    std::string body = corpus("admissionreview-v1-pod-create-kubectl.json");
    testing::RawTlsClient in_flight(server->port());
    ASSERT_TRUE(in_flight.connected());
    in_flight.write("POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 100));
    std::this_thread::sleep_for(100ms);
    auto stopping = std::async(std::launch::async, [this] { server->stop(); });
    std::this_thread::sleep_for(100ms);
    EXPECT_FALSE(client()->Get("/healthz"));  // no longer accepting
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
