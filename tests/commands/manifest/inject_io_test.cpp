// inject's inputs and outputs through the real binary: pipes, --in-place (atomic, mode kept,
// all-or-nothing), directories, URLs.

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using mesh::testing::read_test_file;
using mesh::testing::run_process;
using mesh::testing::source_path;

namespace {

std::string hello_world() { return mesh::testing::hello_world_manifest(); }

TEST(InjectIo, StdinToStdoutThroughAPipe) {
    auto r = run_process({mesh::testing::mesh_binary(), "inject", "-f", "-"}, hello_world());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("mesh.l5d.io/injected"), std::string::npos);
    EXPECT_NE(r.err.find("replicationcontroller \"world-v1\" injected"), std::string::npos) << r.err;
    auto back = run_process({mesh::testing::mesh_binary(), "uninject", "-f", "-", "--report", "none"}, r.out);
    EXPECT_EQ(back.out, hello_world());
    EXPECT_EQ(back.err, "");
}

TEST(InjectIo, InPlaceRewritesAtomicallyAndKeepsTheMode) {
    mesh::testing::ScratchDir scratch;
    fs::path dir(scratch.path());
    std::ofstream(dir / "app.yml", std::ios::binary) << hello_world();
    ::chmod((dir / "app.yml").c_str(), 0640);
    auto r = run_process(
        {mesh::testing::mesh_binary(), "inject", "-f", (dir / "app.yml").string(), "--in-place", "--report", "none"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(read_test_file((dir / "app.yml").string()).find("mesh.l5d.io/injected"), std::string::npos);
    struct stat st {};
    ::stat((dir / "app.yml").c_str(), &st);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u) << "a temporary file was left behind";
    run_process({mesh::testing::mesh_binary(), "uninject", "-R", "-f", dir.string(), "--in-place"});
    EXPECT_EQ(read_test_file((dir / "app.yml").string()), hello_world());
}

TEST(InjectIo, InPlaceWritesNothingWhenAnyInputFails) {
    mesh::testing::ScratchDir scratch;
    fs::path dir(scratch.path());
    std::ofstream(dir / "a.yaml", std::ios::binary) << hello_world();
    std::ofstream(dir / "b.yaml", std::ios::binary) << "kind: Pod\nmetadata: {name: x}\nspec: [\n";
    auto r = run_process({mesh::testing::mesh_binary(), "inject", "-f", dir.string(), "--in-place"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("b.yaml:"), std::string::npos) << r.err;
    EXPECT_EQ(read_test_file((dir / "a.yaml").string()), hello_world()) << "a.yaml was changed although b.yaml failed";
}

TEST(InjectIo, FailureWritesNothingOnStdout) {
    auto r = run_process({mesh::testing::mesh_binary(), "inject", "-f", "-", "-f",
                          source_path("testdata/manifests/edge/16_dupkeys.yaml")},
                         hello_world());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
}

TEST(InjectIo, OnlyHttpsUrls) {
    auto r = run_process({mesh::testing::mesh_binary(), "inject", "-f", "http://127.0.0.1:9/app.yml"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("only https:// URLs are allowed"), std::string::npos) << r.err;
    auto refused = run_process({mesh::testing::mesh_binary(), "inject", "-f", "https://127.0.0.1:9/app.yml"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("cannot fetch"), std::string::npos) << refused.err;
}

TEST(InjectIo, HttpsUrlFromALoopbackServer) {
    if (std::system("command -v openssl >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl is not installed";
    mesh::testing::ScratchDir scratch;
    fs::path dir(scratch.path());
    std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -keyout " +
        (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto server = run_process({"/usr/bin/env", "python3", "-c", "print(1)"});
    if (server.exit_code != 0) GTEST_SKIP() << "python3 is not installed";
    std::ofstream(dir / "app.yml", std::ios::binary) << hello_world();
    // A one-shot HTTPS server on an ephemeral loopback port, from Python's standard library.
    std::string script = R"(
import http.server, ssl, sys, threading, os, subprocess
os.chdir(sys.argv[1])
httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain("cert.pem", "key.pem")
httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
url = "https://127.0.0.1:%d/app.yml" % httpd.server_address[1]
env = dict(os.environ, SSL_CERT_FILE="cert.pem")
r = subprocess.run([sys.argv[2], "inject", "-f", url, "--report", "none"], env=env, capture_output=True)
sys.stdout.buffer.write(r.stdout); sys.stderr.buffer.write(r.stderr); sys.exit(r.returncode)
)";
    auto r = run_process({"/usr/bin/env", "python3", "-c", script, dir.string(), mesh::testing::mesh_binary()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("mesh.l5d.io/injected"), std::string::npos) << r.err;
}

}  // namespace

TEST(InjectIo, NoVerifyMakesTheSameEdits) {
    auto checked = run_process({mesh::testing::mesh_binary(), "inject", "-f", "-", "--report", "none"}, hello_world());
    auto unchecked = run_process({mesh::testing::mesh_binary(), "inject", "-f", "-", "--report", "none", "--no-verify"},
                                 hello_world());
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    EXPECT_EQ(unchecked.exit_code, 0) << unchecked.err;
    EXPECT_NE(checked.out, hello_world());
    EXPECT_EQ(unchecked.out, checked.out);
}
