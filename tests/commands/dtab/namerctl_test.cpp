// The `namerctl` personality against the fake namerd: namerctl's commands, flags and output.

#include <gtest/gtest.h>

#include "tests/support/fake_namerd.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::testing::FakeNamerd;
using mesh::testing::run_mesh;

TEST(Namerctl, ListGetPrettyPlainJson) {
    FakeNamerd f;
    f.set("yeezus", "/foo=>/bar;/foo/bar/baz=>/bah#word;");
    f.set("tlop", "/a=>/b");
    auto list = run_mesh({"namerctl", "dtab", "list", "--base-url", f.url()});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(list.out, "tlop\nyeezus\n");
    EXPECT_EQ(run_mesh({"/usr/bin/namerctl", "dtab", "ls", "--json", "--base-url=" + f.url()}).out,
              "[\"tlop\",\"yeezus\"]\n");
    auto get = run_mesh({"namerctl", "dtab", "get", "yeezus"}, "", {{"NAMERCTL_BASE_URL", f.url()}});
    EXPECT_EQ(get.out, "# version AAAAAAAAAAE=\n/foo          => /bar ;\n/foo/bar/baz  => /bah#word ;\n");
    auto plain = run_mesh({"namerctl", "dtab", "cat", "yeezus", "--pretty=false", "--base-url", f.url()});
    // namerctl prints Dtab.String(): every dentry and its ';' on one line, ready for l5d-dtab
    EXPECT_EQ(plain.out, "/foo=>/bar;/foo/bar/baz=>/bah#word;\n");
    auto as_json = run_mesh({"namerctl", "dtab", "get", "tlop", "--json", "--base-url", f.url()});
    EXPECT_EQ(as_json.out, "{\"version\":\"AAAAAAAAAAE=\",\"dtab\":[{\"prefix\":\"/a\",\"dst\":\"/b\"}]}\n");
    auto missing = run_mesh({"namerctl", "dtab", "get", "nope", "--base-url", f.url()});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_EQ(missing.err, "Error: resource was not found by ID or name\n");
    EXPECT_EQ(missing.out, "resource was not found by ID or name\n");
}

// namerctl's --json is Go's json.Marshal, which writes `&`, `<` and `>` as \u0026, \u003c, \u003e.
TEST(Namerctl, JsonStringsAreGoBytes) {
    FakeNamerd f;
    f.set("u", "/a=>/b & /c");
    auto as_json = run_mesh({"namerctl", "dtab", "get", "u", "--json", "--base-url", f.url()});
    EXPECT_EQ(as_json.out, "{\"version\":\"AAAAAAAAAAE=\",\"dtab\":[{\"prefix\":\"/a\",\"dst\":\"/b \\u0026 /c\"}]}\n");
    f.set("<x>", "/a=>/b");
    auto list = run_mesh({"namerctl", "dtab", "list", "--json", "--base-url", f.url()});
    EXPECT_EQ(list.out, "[\"\\u003cx\\u003e\",\"u\"]\n");
}

TEST(Namerctl, CreateUpdateDelete) {
    FakeNamerd f;
    std::string url = "--base-url=" + f.url();
    auto created = run_mesh({"namerctl", "dtab", "create", "g", "-", url}, "/a => /b;\n");
    EXPECT_EQ(created.out, "Created g\n");
    EXPECT_EQ(*f.stored("g"), "/a=>/b");
    auto dup = run_mesh({"namerctl", "dtab", "new", "g", "-", url}, "/a => /b;\n");
    EXPECT_NE(dup.exit_code, 0);
    EXPECT_EQ(dup.out, "unexpected response: 409 Conflict\n");  // Go's Response.Status
    // JSON from `get --json`: its version overrides --version (namerctl#21), so a re-apply 412s.
    std::string json_text = "{\"version\":\"" + f.etag("g") + "\",\"dtab\":[{\"prefix\":\"/j\",\"dst\":\"/k\"}]}";
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "up", "g", "-", "--version", "ignored", url}, json_text).out,
              "Updated g\n");
    EXPECT_EQ(*f.stored("g"), "/j=>/k");
    auto again = run_mesh({"namerctl", "dtab", "update", "g", "-", url}, json_text);
    EXPECT_EQ(again.out, "unexpected response: 412 Precondition Failed\n");
    // namer/controller.go Update: a 404 is ErrNotFound
    auto gone = run_mesh({"namerctl", "dtab", "update", "nope", "-", "--version", "AAAAAAAAAAE=", url}, "/x=>/y");
    EXPECT_NE(gone.exit_code, 0);
    EXPECT_EQ(gone.out, "resource was not found by ID or name\n");
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "update", "g", "-", url}, "/x=>/y").out,
              "Updated g\n");  // no version: upsert
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "rm", "g", url}).out, "Deleted g\n");
}

TEST(Namerctl, ArgumentAndUrlErrors) {
    auto list = run_mesh({"namerctl", "dtab", "list", "extra", "--base-url", "http://127.0.0.1:1"});
    EXPECT_NE(list.exit_code, 0);
    EXPECT_EQ(list.out, "list does not take arguments\n");
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "get", "--base-url", "http://127.0.0.1:1"}).out,
              "get requires a name argument\n");
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "delete"}, "", {{"NAMERCTL_BASE_URL", "http://x"}}).out,
              "delete requires one argument\n");
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "list", "--config", "/nonexistent/.namerctl.yaml"}).exit_code, 1);
    EXPECT_EQ(run_mesh({"namerctl", "dtab", "list", "--base-url", "namerd:4180"}).out,
              "invalid base URL: namerd:4180\n");
}

// cmd/dtab.go list: fmt.Println(strings.Join(names, "\n")) and json.Marshal, which escapes &, <, >.
TEST(Namerctl, EmptyListAndGoJsonEscaping) {
    FakeNamerd f;
    auto empty = run_mesh({"namerctl", "dtab", "list", "--base-url", f.url()});
    EXPECT_EQ(empty.exit_code, 0) << empty.err;
    EXPECT_EQ(empty.out, "\n");
    f.set("a&b<c>", "/a=>/b");
    auto as_json = run_mesh({"namerctl", "dtab", "list", "--json", "--base-url", f.url()});
    EXPECT_EQ(as_json.out, "[\"a\\u0026b\\u003cc\\u003e\"]\n");
}
