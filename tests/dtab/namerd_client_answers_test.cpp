// The namerd client against servers that are not namerd, or not well: HTML, binary, endless lines.

#include "libmesh/namerd/client.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/loopback_server.hpp"

namespace mesh::namerd {
namespace {

class NotNamerd : public ::testing::Test {
protected:
    httplib::Server server;
    std::thread thread;
    int port = 0;
    void TearDown() override { testing::stop_loopback_server(server, thread); }
    Client client(std::size_t max_body = 64u << 20) {
        ClientOptions options;
        options.base_url = "http://127.0.0.1:" + std::to_string(port);
        options.max_body_bytes = max_body;
        return Client(options);
    }
};

TEST_F(NotNamerd, AnHtmlDelegateAnswerIsAnError) {
    server.Get(R"(/api/1/delegate/.*)", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html><body>Sign in</body></html>", "text/html");
    });
    port = testing::start_loopback_server(server, thread);
    auto r = client().delegate("default", "/svc/hello", "");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not JSON (Content-Type text/html)"), std::string::npos) << r.error().message;
}

TEST_F(NotNamerd, AWatchOfHtmlOrBinaryIsAnErrorAndNothingIsPassedOn) {
    server.Get("/api/1/dtabs/html", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html>\n<body>proxy login</body>\n</html>\n", "text/html");
    });
    server.Get("/api/1/dtabs/binary", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string("\x1b[2J\0\xff\n", 6), "application/octet-stream");
    });
    port = testing::start_loopback_server(server, thread);
    for (const char* ns : {"html", "binary"}) {
        int items = 0;
        auto r = client().watch(ns, [&](const std::string&) {
            ++items;
            return true;
        });
        ASSERT_FALSE(r) << ns;
        EXPECT_NE(r.error().message.find("not JSON"), std::string::npos) << r.error().message;
        EXPECT_EQ(items, 0) << ns;
    }
}

TEST_F(NotNamerd, AWatchLineOverTheLimitIsAnErrorNotATruncatedItem) {
    server.Get("/api/1/dtabs/big", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{\"dtab\":\"" + std::string(256u << 10, 'a') + "\"}\n", "application/json");
    });
    port = testing::start_loopback_server(server, thread);
    int items = 0;
    auto r = client(64u << 10).watch("big", [&](const std::string&) {
        ++items;
        return true;
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::Limit);
    EXPECT_EQ(items, 0);
}

TEST_F(NotNamerd, ErrorBodiesAreShownEscaped) {
    server.Get("/api/1/dtabs/evil", [](const httplib::Request&, httplib::Response& res) {
        res.status = 500;
        res.set_content("boom\x1b]0;owned\x07\n", "text/plain");
    });
    port = testing::start_loopback_server(server, thread);
    auto r = client().get("evil");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("boom\\x1b]0;owned\\x07"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace mesh::namerd
