// Spec section 4.9 rows #142-151 and #129-132: the fake namerd answers as namerd's
// HttpControlService does, so the client tests against it mean something.

#include <gtest/gtest.h>

#include <httplib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "libmesh/namerd/client.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/fake_namerd.hpp"

using mesh::testing::FakeNamerd;
using mesh::testing::namerd_etag;

namespace {

httplib::Client client_for(const FakeNamerd& f) {
    httplib::Client c(f.url());
    c.set_read_timeout(5, 0);
    return c;
}

}  // namespace

TEST(FakeNamerd, ListAndNotFound_142_143) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus");
    f.set("tlop", "/a => /b");
    auto c = client_for(f);
    for (const char* path : {"/api/1/dtabs", "/api/1/dtabs/"}) {
        auto r = c.Get(path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
        EXPECT_EQ(r->body, "[\"tlop\",\"yeezus\"]\n");
    }
    EXPECT_EQ(c.Get("/api/1/dtabsexpialidocious")->status, 404);
    EXPECT_EQ(c.Get("/api/1/dtabs/nope")->status, 404);
}

TEST(FakeNamerd, GetNegotiationAndHead_144_to_146) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus");
    auto c = client_for(f);
    auto r = c.Get("/api/1/dtabs/yeezus");
    EXPECT_EQ(r->body, "[{\"prefix\":\"/yeezy\",\"dst\":\"/yeezus\"}]\n");
    EXPECT_EQ(r->get_header_value("ETag"), "AAAAAAAAAAE=");
    EXPECT_EQ(namerd_etag(1), "AAAAAAAAAAE=");
    r = c.Get("/api/1/dtabs/yeezus", {{"Accept", "application/dtab;q=0.9, application/json"}});
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/dtab");
    EXPECT_EQ(r->body, "/yeezy=>/yeezus\n");
    r = c.Get("/api/1/dtabs/yeezus", {{"Accept", "text/html, text/plain"}});
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain");
    auto h = c.Head("/api/1/dtabs/yeezus");
    EXPECT_EQ(h->status, 200);
    EXPECT_EQ(h->get_header_value("ETag"), "AAAAAAAAAAE=");
    EXPECT_TRUE(h->body.empty());
    EXPECT_EQ(c.Head("/api/1/dtabs/nope")->status, 404);
}

TEST(FakeNamerd, CreateAndUpdate_147_to_150) {
    FakeNamerd f;
    auto c = client_for(f);
    // No Content-Type at all ("Content-Type:" makes libcurl drop its default header).
    mesh::namerd::Client raw({f.url()});
    auto none = raw.request("POST", "/api/1/dtabs/graduation", {"Content-Type:"}, "/a=>/b");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 400);
    EXPECT_FALSE(f.stored("graduation"));
    EXPECT_EQ(c.Post("/api/1/dtabs/g1", "[{\"prefix\":\"/a\",\"dst\":\"/b\"}]", "application/json")->status, 204);
    EXPECT_EQ(c.Post("/api/1/dtabs/g2", "[]", "application/json;charset=UTF-8")->status, 204);
    EXPECT_EQ(c.Post("/api/1/dtabs/g3", "/a=>/b", "text/plain")->status, 204);
    EXPECT_EQ(c.Post("/api/1/dtabs/g4", "/a=>/b", "application/dtab")->status, 204);
    EXPECT_EQ(c.Post("/api/1/dtabs/g4", "/a=>/b", "application/dtab")->status, 409);
    auto bad = c.Post("/api/1/dtabs/g5", "[null, {\"prefix\":\"/a\",\"dst\":\"/b\"}]", "application/json");
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(bad->body, "The dtab contains invalid dentries: [null, {\"prefix\":\"/a\",\"dst\":\"/b\"}]");
    EXPECT_EQ(c.Post("/api/1/dtabs/g6", "/a=>", "application/dtab")->status, 400);

    EXPECT_EQ(c.Put("/api/1/dtabs/g4", "/a=>/c", "application/dtab")->status, 204);  // no If-Match
    std::string etag = f.etag("g4");
    EXPECT_EQ(etag, namerd_etag(2));
    EXPECT_EQ(c.Put("/api/1/dtabs/g4", {{"If-Match", etag}}, "/a=>/d", "application/dtab")->status, 204);
    EXPECT_EQ(c.Put("/api/1/dtabs/g4", {{"If-Match", "yolo"}}, "/a=>/e", "application/dtab")->status, 412);
    EXPECT_EQ(*f.stored("g4"), "/a=>/d");
    EXPECT_EQ(c.Put("/api/1/dtabs/absent", {{"If-Match", etag}}, "/a=>/e", "application/dtab")->status, 404);
    auto invalid = c.Put("/api/1/dtabs/g4", "/a=>/b\n/c=>/d", "application/dtab");
    EXPECT_EQ(invalid->status, 400);
    EXPECT_EQ(invalid->body, "end of input expected but '/' found at '/a=>/b\n[/]c=>/d'");
    auto type = c.Put("/api/1/dtabs/g4", "/a=>/b", "text/html");
    EXPECT_EQ(type->status, 400);
    EXPECT_EQ(type->body, "Invalid Content-Type \"text/html\". ");
    EXPECT_EQ(c.Delete("/api/1/dtabs/g4")->status, 204);
    EXPECT_EQ(c.Delete("/api/1/dtabs/g4")->status, 404);
}

TEST(FakeNamerd, Delegate_129_131_132) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus");
    auto c = client_for(f);
    EXPECT_EQ(
        c.Get("/api/1/delegate/yeezus?path=/yeezy")->body,
        R"({"type":"delegate","path":"/yeezy","delegate":{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}})");
    EXPECT_EQ(
        c.Get("/api/1/delegate/yeezus?path=/yeezy&dtab=/yeezy%3D%3E/bar")->body,
        R"({"type":"alt","path":"/yeezy","alt":[{"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}]})");
    auto invalid = c.Get("/api/1/delegate/default?path=invalid");
    EXPECT_EQ(invalid->status, 400);
    EXPECT_EQ(c.Get("/api/1/delegate/yeezus")->status, 500);
}

TEST(FakeNamerd, WatchStreamsThenFails_151) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    std::string body;
    std::thread changer([&] {
        f.wait_for_watch_writes(1);
        f.set("ns", "/a => /b");  // same value: suppressed
        f.set("ns", "/a => /c");
        f.wait_for_watch_writes(2);
        f.fail_watches("error");
    });
    auto c = client_for(f);
    auto r =
        c.Get("/api/1/dtabs/ns?watch=true", {{"Accept", "application/dtab"}}, [&](const char* data, std::size_t n) {
            body.append(data, n);
            return true;
        });
    changer.join();
    ASSERT_TRUE(r);
    EXPECT_EQ(body, "/a=>/b\n/a=>/c\nerror\n");
}

TEST(FakeNamerd, DelegatorWithoutNamespace_18_81_127_128_130) {
    FakeNamerd f;
    f.set_plain_namespaces({"plain"});
    auto c = client_for(f);
    auto ok = c.Get("/api/1/delegate?dtab=/foo%3D%3E/bar&path=/foo");
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(
        ok->body,
        R"({"type":"delegate","path":"/foo","delegate":{"type":"neg","path":"/bar","dentry":{"prefix":"/foo","dst":"/bar"}}})");
    auto bad_path = c.Get("/api/1/delegate?path=invalid-param");
    EXPECT_EQ(bad_path->status, 400);
    EXPECT_EQ(bad_path->body, "Invalid path: '/' expected but 'i' found at '[i]nvalid-param'");
    auto bad_dtab = c.Get("/api/1/delegate?path=/foo&dtab=invalid-param");
    EXPECT_EQ(bad_dtab->status, 400);
    EXPECT_EQ(bad_dtab->body, "Invalid dtab: '/' expected but 'i' found at '[i]nvalid-param'");
    auto plain = c.Get("/api/1/delegate?path=/foo&namespace=plain");
    EXPECT_EQ(plain->status, 501);
    EXPECT_EQ(plain->body, "Name Interpreter for plain cannot show delegations");
    EXPECT_EQ(
        c.Post("/api/1/delegate?path=/foo", "{\"path\":\"/foo\",\"dtab\":\"/foo=>/bar\"}", "application/json")->status,
        200);
    EXPECT_EQ(c.Post("/api/1/delegate?path=/foo", "{nope", "application/json")->status, 400);
    EXPECT_EQ(c.Post("/api/1/delegate?path=/foo", "{nope", "application/json")->body,
              "Malformed delegation request: {nope");
    EXPECT_EQ(c.Post("/api/1/delegate?path=/foo", "{}", "text/plain")->status, 415);
    EXPECT_EQ(c.Post("/api/1/delegate?path=/foo", "{}", "application/json;charset=utf-8")->status, 415);
}

TEST(FakeNamerd, ListWatchMatchesTheRecordedStream) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus");
    f.set("tlop", "/a => /b");
    std::string body;
    std::thread changer([&] {
        f.wait_for_watch_writes(1);
        f.set("graduation", "/c => /d");
        f.wait_for_watch_writes(2);
        f.fail_watches("");
    });
    auto c = client_for(f);
    auto r = c.Get("/api/1/dtabs?watch=true", [&](const char* data, std::size_t n) {
        body.append(data, n);
        return true;
    });
    changer.join();
    std::ifstream in(std::string(mesh::testing::source_dir()) + "/testdata/dtab/namerd-api1-dtabs-watch-stream.ndjson");
    std::stringstream recorded;
    recorded << in.rdbuf();
    EXPECT_EQ(body, recorded.str() + "\n");  // then the (empty) failure line
}
