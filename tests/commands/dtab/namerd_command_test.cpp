// The online commands and the namerd client against the fake namerd (and misbehaving servers).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "libmesh/namerd/client.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/fake_namerd.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::testing::FakeNamerd;
using mesh::testing::RawServer;
using mesh::testing::run_mesh;
namespace fs = std::filesystem;

namespace {

std::string temp_file(const std::string& content) {
    static int counter = 0;
    fs::path p =
        fs::temp_directory_path() / ("mesh-namerd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::ofstream(p) << content;
    return p.string();
}

}  // namespace

TEST(DtabOnline, ListGetWithVersion) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus; /yeezy/bar/baz => /bah#word");
    f.set("tlop", "/a => /b");
    auto list = run_mesh({"mesh", "dtab", "list", "--namerd", f.url()});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(list.out, "tlop\nyeezus\n");
    auto get = run_mesh({"mesh", "dtab", "get", "yeezus"}, "", {{"NAMERD_URL", f.url()}});
    EXPECT_EQ(get.exit_code, 0) << get.err;
    EXPECT_EQ(get.out, "# version AAAAAAAAAAE=\n/yeezy          => /yeezus ;\n/yeezy/bar/baz  => /bah#word ;\n");
    auto as_json = run_mesh({"mesh", "dtab", "get", "tlop", "-o", "json"}, "", {{"NAMERCTL_BASE_URL", f.url() + "/"}});
    EXPECT_EQ(as_json.out, "{\"version\":\"AAAAAAAAAAE=\",\"dtab\":[{\"prefix\":\"/a\",\"dst\":\"/b\"}]}\n");
    auto missing = run_mesh({"mesh", "dtab", "get", "nope", "--namerd", f.url()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_TRUE(missing.out.empty());
    EXPECT_NE(missing.err.find("namespace nope not found"), std::string::npos);
    auto no_url = run_mesh({"mesh", "dtab", "list"});
    EXPECT_EQ(no_url.exit_code, 2);
    EXPECT_NE(no_url.err.find("NAMERD_URL"), std::string::npos);
    EXPECT_EQ(run_mesh({"mesh", "dtab", "list", "--namerd", "namerd:4180"}).exit_code, 2);
}

TEST(DtabOnline, CreateUpdateWithVersionAndConflict) {
    FakeNamerd f;
    std::string file = temp_file("# staging\n/svc => /srv;\n");
    auto created = run_mesh({"mesh", "dtab", "create", "staging", file, "--namerd", f.url()});
    EXPECT_EQ(created.exit_code, 0) << created.err;
    EXPECT_EQ(created.out, "Created staging\n");
    EXPECT_EQ(*f.stored("staging"), "/svc=>/srv");
    auto again = run_mesh({"mesh", "dtab", "create", "staging", file, "--namerd", f.url()});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already exists"), std::string::npos);

    // get -> edit -> update with the version line.
    auto got = run_mesh({"mesh", "dtab", "get", "staging", "--namerd", f.url()});
    std::string edited = got.out + "/svc/web => /srv/web-v2 ;\n";
    auto updated = run_mesh({"mesh", "dtab", "update", "staging", "-", "--namerd", f.url()}, edited);
    EXPECT_EQ(updated.exit_code, 0) << updated.err;
    EXPECT_EQ(updated.out, "Updated staging\n");
    EXPECT_EQ(*f.stored("staging"), "/svc=>/srv;/svc/web=>/srv/web-v2");

    // Re-applying the stale file is refused, and nothing is overwritten.
    auto stale = run_mesh({"mesh", "dtab", "update", "staging", "-", "--namerd", f.url()}, got.out);
    EXPECT_EQ(stale.exit_code, 1);
    EXPECT_TRUE(stale.out.empty());
    EXPECT_NE(stale.err.find("412 Precondition Failed"), std::string::npos) << stale.err;
    EXPECT_NE(stale.err.find("--force"), std::string::npos);
    EXPECT_EQ(*f.stored("staging"), "/svc=>/srv;/svc/web=>/srv/web-v2");

    // Without any version: refused unless --force.
    auto unversioned = run_mesh({"mesh", "dtab", "update", "staging", "-", "--namerd", f.url()}, "/a=>/b");
    EXPECT_EQ(unversioned.exit_code, 1);
    auto forced = run_mesh({"mesh", "dtab", "update", "staging", "-", "--force", "--namerd", f.url()}, got.out);
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(*f.stored("staging"), "/svc=>/srv");
    // --version beats the file's line.
    auto flag =
        run_mesh({"mesh", "dtab", "update", "staging", "-", "--version", f.etag("staging"), "--namerd", f.url()},
                 "# version stale\n/b=>/c");
    EXPECT_EQ(flag.exit_code, 0) << flag.err;
    // JSON as namerctl --json printed it.
    auto as_json =
        run_mesh({"mesh", "dtab", "update", "staging", "-", "--namerd", f.url()},
                 "{\"version\":\"" + f.etag("staging") + "\",\"dtab\":[{\"prefix\":\"/j\",\"dst\":\"/k\"}]}");
    EXPECT_EQ(as_json.exit_code, 0) << as_json.err;
    EXPECT_EQ(*f.stored("staging"), "/j=>/k");

    // A local parse error never reaches namerd.
    auto bad = run_mesh({"mesh", "dtab", "create", "other", "-", "--namerd", f.url()}, "/a => /b\n/c => /d\n");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("<stdin>:2:1: end of input expected"), std::string::npos) << bad.err;
    EXPECT_FALSE(f.stored("other"));

    auto deleted = run_mesh({"mesh", "dtab", "delete", "staging", "--namerd", f.url()});
    EXPECT_EQ(deleted.out, "Deleted staging\n");
    EXPECT_EQ(run_mesh({"mesh", "dtab", "delete", "staging", "--namerd", f.url()}).exit_code, 1);
    fs::remove(file);
}

TEST(DtabOnline, DiffAgainstNamespaceAndRemoteDelegate) {
    FakeNamerd f;
    f.set("yeezus", "/yeezy => /yeezus");
    std::string file = temp_file("/yeezy => /yeezus; /new => /x\n");
    auto diff = run_mesh({"mesh", "dtab", "diff", "yeezus", file, "--namerd", f.url()});
    EXPECT_EQ(diff.exit_code, 3) << diff.err;
    EXPECT_NE(diff.out.find("--- namerd:yeezus (version AAAAAAAAAAE=)"), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("+ /new=>/x"), std::string::npos);
    auto remote = run_mesh({"mesh", "dtab", "delegate", "/yeezy", "--namerd", f.url(), "--namerd-namespace", "yeezus",
                            "--dtab", "/yeezy=>/bar"});
    EXPECT_EQ(remote.exit_code, 0) << remote.err;
    EXPECT_EQ(
        remote.out,
        R"({"type":"alt","path":"/yeezy","alt":[{"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}]})"
        "\n");
    // Several --dtab texts reach namerd as one valid dtab: a trailing ';' or a comment in one text
    // must not give ";;" or swallow the next text (issue 11, item 12).
    auto joined = run_mesh({"mesh", "dtab", "delegate", "/yeezy", "--namerd", f.url(), "--namerd-namespace", "yeezus",
                            "--dtab", "/yeezy=>/foo;", "--dtab", "/yeezy=>/bar # the newest", "--dtab", "/zzz=>/y"});
    EXPECT_EQ(joined.exit_code, 0) << joined.err;
    EXPECT_NE(
        joined.out.find(
            R"({"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/foo")"),
        std::string::npos)
        << joined.out;
    auto bad_path =
        run_mesh({"mesh", "dtab", "delegate", "invalid", "--namerd", f.url(), "--namerd-namespace", "yeezus"});
    EXPECT_EQ(bad_path.exit_code, 1);
    EXPECT_NE(bad_path.err.find("400"), std::string::npos);
    EXPECT_NE(bad_path.err.find("Invalid path: invalid / '/' expected but 'i' found"), std::string::npos)
        << bad_path.err;
    fs::remove(file);
}

TEST(DtabOnline, WatchPrintsEachVersionThenReportsTheFailure) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    // Each change waits until the watch has been sent the version before it.
    std::thread changer([&] {
        f.wait_for_watch_writes(1);
        f.set("ns", "/a => /c");
        f.wait_for_watch_writes(2);
        f.fail_watches("com.twitter.util.TimeoutException: boom");
    });
    auto r = run_mesh({"mesh", "dtab", "watch", "ns", "--namerd", f.url()});
    changer.join();
    EXPECT_EQ(r.out, "/a=>/b\n/a=>/c\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("namerd ended the watch of ns: com.twitter.util.TimeoutException: boom"), std::string::npos);
}

// Real namerd answers a watch of a missing namespace with 200 and streams nothing (the fake does
// the same), so mesh checks that the namespace exists first (issue 11, item 13).
TEST(DtabOnline, WatchOfAMissingNamespaceFailsInsteadOfWaiting) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    auto r = run_mesh({"mesh", "dtab", "watch", "typo", "--namerd", f.url()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("namespace typo not found"), std::string::npos) << r.err;
}

// -o json prints namerd's JSON lines, never its plain-text failure line as if it were data.
TEST(DtabOnline, WatchJsonReportsTheFailureLineAsAnError) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    f.fail_watches("com.twitter.util.TimeoutException: boom");
    auto r = run_mesh({"mesh", "dtab", "watch", "ns", "--namerd", f.url(), "-o", "json"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out.find("TimeoutException"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("namerd ended the watch of ns: com.twitter.util.TimeoutException: boom"), std::string::npos)
        << r.err;
}

TEST(DtabOnline, EditUsesTheEditorAndIfMatch) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    std::string script = temp_file("#!/bin/sh\nprintf '/added => /x ;\\n' >> \"$1\"\n");
    fs::permissions(script, fs::perms::owner_all);
    auto r = run_mesh({"mesh", "dtab", "edit", "ns", "--namerd", f.url()}, "", {{"EDITOR", script}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(*f.stored("ns"), "/a=>/b;/added=>/x");
    auto cancel = run_mesh({"mesh", "dtab", "edit", "ns", "--namerd", f.url()}, "", {{"EDITOR", "true"}});
    EXPECT_EQ(cancel.exit_code, 0);
    EXPECT_NE(cancel.err.find("no changes"), std::string::npos);
    auto failing = run_mesh({"mesh", "dtab", "edit", "ns", "--namerd", f.url()}, "", {{"EDITOR", "false"}});
    EXPECT_EQ(failing.exit_code, 1);
    fs::remove(script);
}

TEST(DtabOnline, ServerErrorsShowTheirBody) {
    FakeNamerd f;
    f.set("ns", "/a => /b");
    mesh::namerd::Client client({f.url()});
    auto r = client.request("PUT", "/api/1/dtabs/ns", {"Content-Type: application/dtab"}, "/a=>");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    mesh::dtab::Dtab d;
    auto upd = client.update("ns", d, std::string("yolo"));
    ASSERT_FALSE(upd);
    EXPECT_NE(upd.error().message.find("412"), std::string::npos);
    // A server error body is shown, not swallowed (namerctl's fault).
    auto get = client.request("GET", "/api/1/delegate/ns", {}, "");
    EXPECT_EQ(get->status, 500);
}

TEST(NamerdClient, SlowServerTimesOut) {
    FakeNamerd f;
    f.set_delay_ms(3000);
    mesh::namerd::ClientOptions options{f.url()};
    options.timeout_ms = 100;
    mesh::namerd::Client client(options);
    auto start = std::chrono::steady_clock::now();
    auto r = client.list();
    auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mesh::core::ErrorCode::Network);
    EXPECT_NE(r.error().message.find("imeout"), std::string::npos) << r.error().message;
    EXPECT_LT(elapsed, std::chrono::milliseconds(2500));  // cut at 100 ms, not served at 3 s
    auto cmd = run_mesh({"mesh", "dtab", "list", "--namerd", f.url(), "--request-timeout", "0.1"});
    EXPECT_EQ(cmd.exit_code, 1);
    EXPECT_TRUE(cmd.out.empty());
}

TEST(NamerdClient, ClosedConnectionAndGarbage) {
    RawServer closing(RawServer::Mode::Close);
    auto r = run_mesh({"mesh", "dtab", "get", "ns", "--namerd", closing.url()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("mesh: error: GET " + closing.url() + "/api/1/dtabs/ns: "), std::string::npos) << r.err;
    RawServer garbage(RawServer::Mode::Garbage);
    auto g = run_mesh({"mesh", "dtab", "list", "--namerd", garbage.url()});
    EXPECT_EQ(g.exit_code, 1);
    EXPECT_TRUE(g.out.empty());
    EXPECT_FALSE(g.err.empty());
}

TEST(NamerdClient, WrongPortAnswersHtml) {
    // namerctl#28: pointed at the admin port, list failed with "invalid character '<'".
    FakeNamerd f;
    mesh::namerd::Client client({f.url() + "/api/1/dtabs/ns/x"});  // any path: 404 HTML-ish
    auto r = client.list();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("namerd answered"), std::string::npos) << r.error().message;
}

TEST(DtabOnline, RealMarathonDtabRoundTrips) {
    std::ifstream in(std::string(mesh::testing::source_dir()) +
                     "/testdata/dtab/namerd-api1-dtab-default-marathon.json");
    std::stringstream json_text;
    json_text << in.rdbuf();
    FakeNamerd f;
    mesh::namerd::Client client({f.url()});
    auto put = client.request("PUT", "/api/1/dtabs/default", {"Content-Type: application/json"}, json_text.str());
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 204);
    auto get = run_mesh({"mesh", "dtab", "get", "default", "--namerd", f.url()});
    EXPECT_EQ(get.out, "# version AAAAAAAAAAE=\n"
                       "/marathonId  => /#/io.l5d.marathon ;\n"
                       "/svc         => /$/io.buoyant.http.domainToPathPfx/marathonId ;\n");
    auto raw = client.request("GET", "/api/1/dtabs/default", {"Accept: application/json"}, "");
    EXPECT_EQ(raw->body, json_text.str());  // namerd's JSON form, byte for byte
    // Offline, the host becomes a marathon app path.
    auto d = run_mesh({"mesh", "dtab", "delegate", "/svc/web.prod", "--resolve", "--dtab-file", "-"}, get.out);
    EXPECT_EQ(
        d.out,
        "/#/io.l5d.marathon/prod  residual /web  [unknown offline: namer io.l5d.marathon needs live service discovery]\n");
}

// dtab diff finds namerd as the other dtab commands do: with NAMERD_URL set, A is a namespace
// there, unless A is an existing file (two files still compare offline).
TEST(DtabOnline, DiffReadsANamespaceFromNamerdUrlUnlessAIsAFile) {
    FakeNamerd f;
    f.set("default", "/a => /b; /c => /d");
    std::string dir = ::testing::TempDir() + "mesh-diff-env-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    std::string after = dir + "/new.dtab", before = dir + "/old.dtab";
    std::ofstream(after) << "/a => /b;\n/c => /e;\n";
    std::ofstream(before) << "/a => /b;\n/c => /e;\n";
    auto from_namerd = run_mesh({"mesh", "dtab", "diff", "default", after}, "", {{"NAMERD_URL", f.url()}});
    EXPECT_EQ(from_namerd.exit_code, 3) << from_namerd.err;
    EXPECT_EQ(from_namerd.out.rfind("--- namerd:default", 0), 0u) << from_namerd.out;
    EXPECT_NE(from_namerd.out.find("- /c=>/d"), std::string::npos) << from_namerd.out;
    auto files = run_mesh({"mesh", "dtab", "diff", before, after}, "", {{"NAMERD_URL", f.url()}});
    EXPECT_EQ(files.exit_code, 0) << files.out << files.err;
    auto no_namerd = run_mesh({"mesh", "dtab", "diff", "default", after});
    EXPECT_EQ(no_namerd.exit_code, 1);
    EXPECT_NE(no_namerd.err.find("default"), std::string::npos) << no_namerd.err;
    std::filesystem::remove_all(dir);
}
