// `mesh dtab fmt|lint|delegate|diff`, run in process: output, exit codes, fail-closed stdout.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "libmesh/dtab/formatter.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/scratch_dir.hpp"

using mesh::testing::read_file;
using mesh::testing::run_mesh;
using mesh::testing::ScratchDir;
namespace fs = std::filesystem;

namespace {

const char* k_messy = "# routing for prod\n"
                      "/srv => /#/io.l5d.fs;   # discovery\n"
                      "/svc=>/srv;\n"
                      "\n"
                      "\n"
                      "# canary\n"
                      "/svc/web => 0.9 * /srv/web & 0.1*/srv/web-v2\n"
                      "          | /srv/old;\n";

const char* k_pretty = "# routing for prod\n"
                       "/srv      => /#/io.l5d.fs ;  # discovery\n"
                       "/svc      => /srv ;\n"
                       "\n"
                       "# canary\n"
                       "/svc/web  => 0.90*/srv/web & 0.10*/srv/web-v2 | /srv/old ;\n";

}  // namespace

TEST(DtabFmt, AlignsArrowsKeepsComments) {
    auto r = run_mesh({"mesh", "dtab", "fmt"}, k_messy);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, k_pretty);
    // Idempotent, and the output means the same dtab.
    auto again = run_mesh({"mesh", "dtab", "fmt"}, r.out);
    EXPECT_EQ(again.out, r.out);
    auto compact1 = run_mesh({"mesh", "dtab", "fmt", "--compact"}, k_messy);
    auto compact2 = run_mesh({"mesh", "dtab", "fmt", "--compact"}, r.out);
    EXPECT_EQ(compact1.out, compact2.out);
    EXPECT_EQ(compact1.out, "/srv=>/#/io.l5d.fs;/svc=>/srv;/svc/web=>0.90*/srv/web & 0.10*/srv/web-v2 | /srv/old\n");
}

TEST(DtabFmt, NamerctlPrettyForm_152_153) {
    auto a = run_mesh({"mesh", "dtab", "fmt"}, "/foo=>/bar;/foo=>/bah#word");
    EXPECT_EQ(a.out, "/foo  => /bar ;\n/foo  => /bah#word ;\n");
    auto b = run_mesh({"mesh", "dtab", "fmt"}, "/foo=>/bar;/foo/bar/baz=>/bah#word;");
    EXPECT_EQ(b.out, "/foo          => /bar ;\n/foo/bar/baz  => /bah#word ;\n");
}

TEST(DtabFmt, CommentInsideADentryAndAtTheEnd) {
    auto r = run_mesh({"mesh", "dtab", "fmt"}, "/a => /b | # why\n  /c;\n# trailer\n");
    EXPECT_EQ(r.out, "/a  => /b | /c ;  # why\n# trailer\n");
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt"}, "# only\n").out, "# only\n");
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt"}, "").out, "");
}

TEST(DtabFmt, CheckAndWrite) {
    ScratchDir dir;
    std::string file = dir.write("r.dtab", k_messy);
    auto check = run_mesh({"mesh", "dtab", "fmt", "--check", file});
    EXPECT_EQ(check.exit_code, 3);
    EXPECT_TRUE(check.out.empty());
    EXPECT_NE(check.err.find("not formatted"), std::string::npos);
    auto write = run_mesh({"mesh", "dtab", "fmt", "-w", file});
    EXPECT_EQ(write.exit_code, 0) << write.err;
    EXPECT_TRUE(write.out.empty());
    EXPECT_EQ(read_file(file), k_pretty);
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt", "--check", file}).exit_code, 0);
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt", "-w"}, "/a=>/b").exit_code, 2);
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt", "-w", "--check", file}).exit_code, 2);
}

// Several files: each is named, and one bad file means nothing is printed or rewritten.
TEST(DtabFmt, SeveralFilesAreCheckedAndWrittenTogether) {
    ScratchDir dir;
    std::string messy = dir.write("messy.dtab", k_messy);
    std::string pretty = dir.write("pretty.dtab", k_pretty);
    auto check = run_mesh({"mesh", "dtab", "fmt", "--check", messy, pretty});
    EXPECT_EQ(check.exit_code, 3);
    EXPECT_EQ(check.err, messy + ": not formatted\n");
    auto printed = run_mesh({"mesh", "dtab", "fmt", messy, pretty});
    EXPECT_EQ(printed.out, std::string(k_pretty) + k_pretty);
    std::string bad = dir.write("bad.dtab", "/a => /b;\n/c => ;\n");
    std::string also_bad = dir.write("also-bad.dtab", "/x =>\n");
    auto failed = run_mesh({"mesh", "dtab", "fmt", "-w", messy, bad, also_bad});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_NE(failed.err.find(bad + ":2:"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find(also_bad + ":"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find("mesh: 2 inputs failed; nothing was written"), std::string::npos) << failed.err;
    EXPECT_EQ(read_file(messy), k_messy);  // not rewritten: another file failed
    auto write = run_mesh({"mesh", "dtab", "fmt", "-w", messy, pretty});
    EXPECT_EQ(write.exit_code, 0) << write.err;
    EXPECT_EQ(read_file(messy), k_pretty);
}

TEST(DtabFmt, ParseErrorHasLocationCaretAndNoStdout) {
    ScratchDir dir;
    std::string file = dir.write("bad.dtab", "/a => /b;\n/foo/*bar/baz => !\n");
    auto r = run_mesh({"mesh", "dtab", "fmt", file});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err, "mesh: error: " + file +
                         ":2:7: '=' expected but 'b' found at '/foo/*[b]ar/baz => !'\n"
                         "    /foo/*bar/baz => !\n"
                         "          ^\n");
    auto w = run_mesh({"mesh", "dtab", "fmt", "-w", file});
    EXPECT_EQ(w.exit_code, 1);
    EXPECT_EQ(read_file(file), "/a => /b;\n/foo/*bar/baz => !\n");  // untouched
    EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt", dir.path() + "/missing"}).exit_code, 1);
}

TEST(DtabLint, Findings) {
    const char* text = "/svc => /srv;\n"
                       "/s => /s/srv;\n"
                       "/web => /a | ! | /b;\n"
                       "/x => /$/com.example.Nope;\n"
                       "/w => 0 * /a & /b;\n"
                       "/svc/old => /srv/old;\n"
                       "/svc => !;\n"
                       "/dup => /a;\n"
                       "/dup => /a;\n";
    auto r = run_mesh({"mesh", "dtab", "lint"}, text);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.out.find("<stdin>:1:1: warning: dentry `/svc=>/srv` never applies"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<stdin>:6:1: warning: dentry `/svc/old=>/srv/old` never applies"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("<stdin>:2:1: error: loop: /s/residual keeps rewriting through `/s=>/s/srv`"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("<stdin>:3:18: warning: branch `/b` can never be reached"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<stdin>:4:7: warning: unknown namer /$/com.example.Nope"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<stdin>:5:11: warning: weight 0.00 of `/a` is not a positive"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<stdin>:8:1: warning: dentry `/dup=>/a` is repeated later"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hint: "), std::string::npos);
    auto clean = run_mesh({"mesh", "dtab", "lint"}, "/srv => /#/io.l5d.fs;\n/svc => /srv;\n");
    EXPECT_EQ(clean.exit_code, 0) << clean.out;
    EXPECT_TRUE(clean.out.empty());
    auto as_json = run_mesh({"mesh", "dtab", "lint", "-o", "json"}, "/s => /s/srv;\n");
    EXPECT_EQ(as_json.exit_code, 3);
    EXPECT_NE(as_json.out.find("\"check\": \"loop\""), std::string::npos) << as_json.out;
}

TEST(DtabLint, SeveralFilesInOneReport) {
    ScratchDir dir;
    std::string looping = dir.write("loop.dtab", "/s => /s/srv;\n");
    std::string clean = dir.write("clean.dtab", "/srv => /#/io.l5d.fs;\n/svc => /srv;\n");
    auto r = run_mesh({"mesh", "dtab", "lint", "-o", "json", clean, looping});
    EXPECT_EQ(r.exit_code, 3);
    auto findings = nlohmann::json::parse(r.out);
    ASSERT_FALSE(findings.empty());
    for (const auto& f : findings) EXPECT_EQ(f["file"], looping);
    EXPECT_EQ(run_mesh({"mesh", "dtab", "lint", clean, clean}).exit_code, 0);
    std::string bad = dir.write("bad.dtab", "/c => ;\n");
    auto failed = run_mesh({"mesh", "dtab", "lint", looping, bad});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_TRUE(failed.out.empty()) << failed.out;
    EXPECT_NE(failed.err.find(bad + ":1:"), std::string::npos) << failed.err;
}

TEST(DtabLint, MutualLoopAndRewritingNamerLoop) {
    auto r = run_mesh({"mesh", "dtab", "lint"}, "/foo/bar => /bar/foo; /bar/foo => /foo/bar");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("loop"), std::string::npos);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '^'), 1) << r.out;  // one cycle, reported once
    auto root = run_mesh({"mesh", "dtab", "lint"}, "/ => /x");
    EXPECT_NE(root.out.find("loop"), std::string::npos) << root.out;
}

TEST(DtabDelegate, TreeJsonAndResolve) {
    ScratchDir dir;
    std::string base = dir.write("base.dtab", "/srv=>/$/inet/127.1/4140;/svc=>/srv;");
    auto tree = run_mesh({"mesh", "dtab", "delegate", "/svc/dog", "--dtab-file", base});
    EXPECT_EQ(tree.exit_code, 0) << tree.err;
    EXPECT_EQ(
        tree.out,
        "/svc/dog\n"
        "  /srv/dog (/svc=>/srv)\n"
        "    /$/inet/127.1/4140/dog (/srv=>/$/inet/127.1/4140)  => /$/inet/127.1/4140 residual /dog [127.0.0.1:4140]\n"
        "result: /$/inet/127.1/4140 residual /dog [127.0.0.1:4140]\n");
    auto as_json = run_mesh({"mesh", "dtab", "delegate", "/svc/dog", "--dtab-file", base, "-o", "json"});
    EXPECT_EQ(
        as_json.out,
        R"({"type":"delegate","path":"/svc/dog","delegate":{"type":"delegate","path":"/srv/dog","dentry":{"prefix":"/svc","dst":"/srv"},"delegate":{"type":"leaf","path":"/$/inet/127.1/4140/dog","dentry":{"prefix":"/srv","dst":"/$/inet/127.1/4140"},"bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":4140,"meta":{}}],"meta":{}},"id":"/$/inet/127.1/4140","path":"/dog"}}}})"
        "\n");
    // The local dtab comes after the base, so it is tried first.
    auto local = run_mesh({"mesh", "dtab", "delegate", "/svc/dog", "--dtab-file", base, "--dtab",
                           "/svc/dog=>/$/inet/127.1/9999", "--resolve"});
    EXPECT_EQ(local.exit_code, 0) << local.err;
    EXPECT_EQ(local.out, "/$/inet/127.1/9999  residual /  [127.0.0.1:9999]\n");
    auto neg = run_mesh({"mesh", "dtab", "delegate", "/nope", "--dtab", "/a=>/b", "-o", "json"});
    EXPECT_EQ(neg.out, "{\"type\":\"neg\",\"path\":\"/nope\"}\n");
}

TEST(DtabDelegate, DepthLimitMessagesAndBadInput) {
    auto d = run_mesh({"mesh", "dtab", "delegate", "/s/foo", "--dtab", "/s => /s/srv"});
    EXPECT_EQ(d.exit_code, 1);
    EXPECT_TRUE(d.out.empty());
    EXPECT_EQ(d.err, "mesh: error: Max recursion level reached.\n");
    auto r = run_mesh({"mesh", "dtab", "delegate", "/s/foo", "--dtab", "/s => /s/srv", "--resolve"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "mesh: error: Max recursion level: 100 reached in Namer lookup\n");
    auto bad_path = run_mesh({"mesh", "dtab", "delegate", "invalid-param"});
    EXPECT_EQ(bad_path.exit_code, 1);
    EXPECT_NE(bad_path.err.find("'/' expected but 'i' found at '[i]nvalid-param'"), std::string::npos);
    auto bad_dtab = run_mesh({"mesh", "dtab", "delegate", "/a", "--dtab", "invalid-param"});
    EXPECT_EQ(bad_dtab.exit_code, 1);
    EXPECT_NE(bad_dtab.err.find("--dtab:1:1: '/' expected but 'i' found"), std::string::npos) << bad_dtab.err;
}

// `--dtab=` is an empty dtab, not a flag that takes the next argument as its value (issue 11, item 11).
TEST(DtabDelegate, AnEmptyDtabValueDoesNotSwallowTheNextArgument) {
    auto r = run_mesh({"mesh", "dtab", "delegate", "/a", "--dtab=", "--dtab", "/a=>/$/inet/127.1/80", "--resolve"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("/$/inet/127.1/80"), std::string::npos) << r.out;
    auto path_after = run_mesh({"mesh", "dtab", "delegate", "--dtab=", "/a"});
    EXPECT_EQ(path_after.exit_code, 0) << path_after.err;
}

TEST(DtabDelegate, FsNamerAndSymbolicNamers) {
    ScratchDir dir;
    dir.write("web", "10.0.0.5 8080\n10.0.0.6 8080\n");
    auto r = run_mesh({"mesh", "dtab", "delegate", "/svc/web", "--dtab", "/svc=>/#/io.l5d.fs", "--fs-namer", dir.path(),
                       "--resolve"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "/#/io.l5d.fs/web  residual /  [10.0.0.5:8080, 10.0.0.6:8080]\n");
    auto sym =
        run_mesh({"mesh", "dtab", "delegate", "/svc/web", "--dtab", "/svc=>/#/io.l5d.k8s/prod/http", "--resolve"});
    EXPECT_EQ(
        sym.out,
        "/#/io.l5d.k8s/prod/http/web  residual /  [unknown offline: namer io.l5d.k8s needs live service discovery]\n");
    auto none = run_mesh({"mesh", "dtab", "delegate", "/svc/web", "--dtab", "/svc=>/#/io.l5d.k8s/prod/http",
                          "--resolve", "--no-symbolic-namers"});
    EXPECT_EQ(none.out, "neg: no dentry or namer binds this path\n");
}

TEST(DtabDiff, AddedRemovedMoved) {
    ScratchDir dir;
    std::string a = dir.write("a.dtab", "/a=>/1;\n/b=>/2;\n/c=>/3;\n");
    std::string b = dir.write("b.dtab", "# same meaning, new layout\n/c => /3;\n/a => /1;\n/d => /4;\n");
    auto r = run_mesh({"mesh", "dtab", "diff", a, b});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "--- " + a + "\n+++ " + b + "\n" +
                         "- /b=>/2    (was entry 2)\n"
                         "~ /a=>/1    (moved: entry 1 -> 2; later entries are tried first)\n"
                         "+ /d=>/4    (entry 3)\n");
    std::string same = dir.write("same.dtab", "/a => /1; /b => /2; /c => /3");
    auto s = run_mesh({"mesh", "dtab", "diff", a, same});
    EXPECT_EQ(s.exit_code, 0);
    EXPECT_TRUE(s.out.empty());
}

TEST(DtabFmtProperty, FormattingPreservesMeaningOnGeneratedInput) {
    // Every formatted output reparses to the same dtab and formats to itself.
    const char* pieces[] = {"/a=>/b", "/x/*/y => 2*/p & /q", "/#/io.l5d.fs=>~", "/ => ! | $",
                            "/long/prefix/here => (/a | /b) & 0.5*/c"};
    const char* gaps[] = {";", "; # c\n", ";\n\n", "  ;\n# line\n", ";"};
    for (int mask = 0; mask < 32; ++mask) {
        std::string text;
        for (int i = 0; i < 5; ++i)
            if (mask & (1 << i)) text += std::string(pieces[i]) + gaps[(i + mask) % 5];
        auto first = run_mesh({"mesh", "dtab", "fmt"}, text);
        ASSERT_EQ(first.exit_code, 0) << text << first.err;
        EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt"}, first.out).out, first.out) << text;
        EXPECT_EQ(run_mesh({"mesh", "dtab", "fmt", "--compact"}, first.out).out,
                  run_mesh({"mesh", "dtab", "fmt", "--compact"}, text).out)
            << text;
    }
}
