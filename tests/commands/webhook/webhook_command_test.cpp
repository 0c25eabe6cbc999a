// `mesh webhook manifests` output, and `mesh webhook serve` as a real process: it serves over TLS
// and exits 0 on SIGTERM.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <yaml-cpp/yaml.h>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/webhook/tls_test_support.hpp"

namespace mesh::webhook {
namespace {

using testing::run_mesh;
using namespace std::chrono_literals;

std::vector<YAML::Node> objects(const std::string& yaml) { return YAML::LoadAll(yaml); }

YAML::Node find_kind(const std::vector<YAML::Node>& docs, const std::string& kind) {
    for (const auto& d : docs)
        if (d["kind"].as<std::string>() == kind) return d;
    ADD_FAILURE() << "no " << kind;
    return YAML::Node();
}

TEST(WebhookManifests, HasTheObjectsAndFieldsKubernetesNeeds) {
    auto run = run_mesh({"mesh", "webhook", "manifests", "--image", "registry.example/mesh:0.1.0", "--namespace",
                         "mesh-system", "--timeout-seconds", "7", "--mode", "iptables", "--use-service-vip",
                         "--replicas", "3"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto docs = objects(run.out);
    ASSERT_EQ(docs.size(), 3u);
    auto deployment = find_kind(docs, "Deployment");
    EXPECT_EQ(deployment["spec"]["replicas"].as<int>(), 3);
    auto container = deployment["spec"]["template"]["spec"]["containers"][0];
    EXPECT_EQ(container["image"].as<std::string>(), "registry.example/mesh:0.1.0");
    auto args = container["args"].as<std::vector<std::string>>();
    EXPECT_EQ(std::vector<std::string>(args.begin(), args.begin() + 2), (std::vector<std::string>{"webhook", "serve"}));
    EXPECT_NE(std::find(args.begin(), args.end(), "--mode=iptables"), args.end());
    EXPECT_NE(std::find(args.begin(), args.end(), "--use-service-vip"), args.end());
    EXPECT_EQ(deployment["spec"]["template"]["metadata"]["annotations"]["linkerd.io/inject"].as<std::string>(),
              "disabled");
    EXPECT_EQ(container["readinessProbe"]["httpGet"]["path"].as<std::string>(), "/readyz");
    auto service = find_kind(docs, "Service");
    EXPECT_EQ(service["metadata"]["namespace"].as<std::string>(), "mesh-system");
    auto config = find_kind(docs, "MutatingWebhookConfiguration");
    EXPECT_EQ(config["apiVersion"].as<std::string>(), "admissionregistration.k8s.io/v1");
    auto hook = config["webhooks"][0];
    EXPECT_EQ(hook["failurePolicy"].as<std::string>(), "Ignore");
    EXPECT_EQ(hook["sideEffects"].as<std::string>(), "None");
    EXPECT_EQ(hook["admissionReviewVersions"].as<std::vector<std::string>>(), std::vector<std::string>{"v1"});
    EXPECT_EQ(hook["timeoutSeconds"].as<int>(), 7);
    EXPECT_EQ(hook["namespaceSelector"]["matchLabels"]["linkerd.io/inject"].as<std::string>(), "enabled");
    EXPECT_EQ(hook["clientConfig"]["service"]["name"].as<std::string>(), service["metadata"]["name"].as<std::string>());
    EXPECT_EQ(hook["clientConfig"]["service"]["path"].as<std::string>(), "/inject");
    EXPECT_EQ(hook["rules"][0]["resources"][0].as<std::string>(), "pods");
    EXPECT_FALSE(hook["clientConfig"]["caBundle"]);
    EXPECT_EQ(config["metadata"]["annotations"]["cert-manager.io/inject-ca-from"].as<std::string>(),
              "mesh-system/mesh-webhook");
    // The forwarded flags are ones serve accepts: it gets past parsing (exit 2) to the missing files (exit 1).
    std::vector<std::string> serve{"mesh"};
    serve.insert(serve.end(), args.begin(), args.end());
    auto served = run_mesh(serve);
    EXPECT_EQ(served.exit_code, 1) << served.err;
    EXPECT_NE(served.err.find("/etc/mesh-webhook/tls/tls.crt"), std::string::npos) << served.err;
}

TEST(WebhookManifests, DashNSetsTheNamespaceAsKubectlsDoes) {
    auto run = run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "-n", "ops"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const auto& doc : objects(run.out)) {
        if (doc["kind"].as<std::string>() != "MutatingWebhookConfiguration") {
            EXPECT_EQ(doc["metadata"]["namespace"].as<std::string>(), "ops") << doc["kind"].as<std::string>();
        }
    }
    EXPECT_NE(run.out.find("cert-manager.io/inject-ca-from: ops/mesh-webhook"), std::string::npos) << run.out;
}

// The memory limit follows what the reviews answered at once may hold, and serve gets the same
// numbers the limit was computed from.
TEST(WebhookManifests, TheMemoryLimitIsSizedFromThreadsAndBodySize) {
    struct Case {
        std::vector<std::string> flags;
        std::string threads, body, memory;
    };
    for (const Case& c : std::vector<Case>{{{}, "2", "4194304", "256Mi"},
                                           {{"--threads", "8", "--max-body-bytes", "8388608"}, "8", "8388608", "704Mi"},
                                           {{"--threads", "32"}, "32", "4194304", "1344Mi"}}) {
        std::vector<std::string> args{"mesh", "webhook", "manifests", "--image", "m:1"};
        args.insert(args.end(), c.flags.begin(), c.flags.end());
        auto run = run_mesh(args);
        ASSERT_EQ(run.exit_code, 0) << run.err;
        for (const auto& doc : objects(run.out)) {
            if (doc["kind"].as<std::string>() != "Deployment") continue;
            auto container = doc["spec"]["template"]["spec"]["containers"][0];
            EXPECT_EQ(container["resources"]["limits"]["memory"].as<std::string>(), c.memory);
            std::vector<std::string> serve_args;
            for (const auto& a : container["args"]) serve_args.push_back(a.as<std::string>());
            EXPECT_NE(std::find(serve_args.begin(), serve_args.end(), "--threads=" + c.threads), serve_args.end());
            EXPECT_NE(std::find(serve_args.begin(), serve_args.end(), "--max-body-bytes=" + c.body), serve_args.end());
        }
    }
    EXPECT_EQ(run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--threads", "0"}).exit_code, 2);
}

X509* read_cert(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return cert;
}

TEST(WebhookManifests, GeneratedCertificatesFillTheCaBundleAndTheSecret) {
    testing::TestPki scratch;  // only for its temporary directory
    std::string dir = (scratch.dir() / "generated").string();
    auto run = run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--name", "inj", "--namespace", "ops",
                         "--failure-policy", "Fail", "--generate-certs", dir});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto docs = objects(run.out);
    ASSERT_EQ(docs.size(), 4u);
    std::string ca_pem = testing::read_test_file(dir + "/ca.crt");
    std::string crt_pem = testing::read_test_file(dir + "/tls.crt");
    auto hook = find_kind(docs, "MutatingWebhookConfiguration")["webhooks"][0];
    EXPECT_EQ(hook["failurePolicy"].as<std::string>(), "Fail");
    EXPECT_EQ(mesh::core::base64_decode(hook["clientConfig"]["caBundle"].as<std::string>()), ca_pem);
    auto secret = find_kind(docs, "Secret");
    EXPECT_EQ(secret["type"].as<std::string>(), "kubernetes.io/tls");
    EXPECT_EQ(secret["metadata"]["name"].as<std::string>(), "inj-tls");
    EXPECT_EQ(mesh::core::base64_decode(secret["data"]["tls.crt"].as<std::string>()), crt_pem);
    EXPECT_EQ(mesh::core::base64_decode(secret["data"]["tls.key"].as<std::string>()),
              testing::read_test_file(dir + "/tls.key"));
    struct stat st {};
    ASSERT_EQ(stat((dir + "/tls.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    // The serving certificate is signed by the CA and names the Service as the API server calls it.
    X509* ca = read_cert(ca_pem);
    X509* crt = read_cert(crt_pem);
    ASSERT_TRUE(ca && crt);
    EVP_PKEY* ca_key = X509_get0_pubkey(ca);
    EXPECT_EQ(X509_verify(crt, ca_key), 1);
    EXPECT_EQ(X509_check_host(crt, "inj.ops.svc", 0, 0, nullptr), 1);
    EXPECT_NE(X509_check_host(crt, "inj.other.svc", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ca(ca), 1);
    X509_free(ca);
    X509_free(crt);
}

TEST(WebhookManifests, GenerateCertsNeverWritesThroughAPlantedSymlink) {
    testing::TestPki scratch;
    std::string dir = (scratch.dir() / "generated").string();
    std::string victim = (scratch.dir() / "victim").string();
    std::filesystem::create_directory(dir);
    { std::ofstream(victim) << "precious\n"; }
    std::filesystem::create_symlink(victim, dir + "/tls.key");
    auto refused = run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--generate-certs", dir});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(refused.out.empty());
    EXPECT_NE(refused.err.find("tls.key already exists"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/ca.crt"));  // nothing written when one is refused
    EXPECT_EQ(testing::read_test_file(victim), "precious\n");

    auto forced = run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--generate-certs", dir, "--force"});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(testing::read_test_file(victim), "precious\n");  // the symlink was replaced, not followed
    EXPECT_FALSE(std::filesystem::is_symlink(dir + "/tls.key"));
    EXPECT_NE(testing::read_test_file(dir + "/tls.key").find("PRIVATE KEY"), std::string::npos);
}

TEST(WebhookManifests, GenerateCertsReplacesAPreCreatedKeyWithAPrivateFile) {
    testing::TestPki scratch;
    std::string dir = (scratch.dir() / "generated").string();
    std::filesystem::create_directory(dir);
    std::string key = dir + "/tls.key";
    int fd = ::open(key.c_str(), O_CREAT | O_RDWR, 0666);  // someone else's, readable by all
    ASSERT_GE(fd, 0);
    ::fchmod(fd, 0666);
    struct stat before {};
    ::fstat(fd, &before);
    EXPECT_EQ(run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--generate-certs", dir}).exit_code, 1);
    auto forced = run_mesh({"mesh", "webhook", "manifests", "--image", "m:1", "--generate-certs", dir, "--force"});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    struct stat after {};
    ASSERT_EQ(::stat(key.c_str(), &after), 0);
    EXPECT_NE(after.st_ino, before.st_ino);  // a new file: whoever held the old one cannot read the key
    EXPECT_EQ(after.st_mode & 0777, 0600u);
    char byte = 0;
    EXPECT_EQ(::read(fd, &byte, 1), 0);  // the old file got nothing
    ::close(fd);
}

TEST(WebhookManifests, BadValuesAreUsageErrors) {
    EXPECT_EQ(run_mesh({"mesh", "webhook", "manifests"}).exit_code, 2);
    auto bad_name = run_mesh({"mesh", "webhook", "manifests", "--image", "m", "--name", "Bad_Name"});
    EXPECT_EQ(bad_name.exit_code, 2);
    EXPECT_TRUE(bad_name.out.empty());
    EXPECT_NE(bad_name.err.find("DNS-1123"), std::string::npos) << bad_name.err;
    EXPECT_EQ(run_mesh({"mesh", "webhook", "manifests", "--image", "m", "--timeout-seconds", "31"}).exit_code, 2);
    EXPECT_EQ(run_mesh({"mesh", "webhook", "manifests", "--image", "m", "--failure-policy", "Maybe"}).exit_code, 2);
    // A YAML-significant image stays one quoted value.
    auto odd = run_mesh({"mesh", "webhook", "manifests", "--image", "x\n  evil: true"});
    ASSERT_EQ(odd.exit_code, 0);
    auto deployment = find_kind(objects(odd.out), "Deployment");
    EXPECT_EQ(deployment["spec"]["template"]["spec"]["containers"][0]["image"].as<std::string>(), "x\n  evil: true");
}

TEST(WebhookServe, BadArgumentsFailBeforeServing) {
    EXPECT_EQ(run_mesh({"mesh", "webhook", "serve"}).exit_code, 2);
    auto missing = run_mesh({"mesh", "webhook", "serve", "--tls-cert", "/nonexistent/tls.crt", "--tls-key",
                             "/nonexistent/tls.key", "--listen", "127.0.0.1:0"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("/nonexistent/tls.crt"), std::string::npos) << missing.err;
    testing::TestPki pki;
    EXPECT_EQ(run_mesh({"mesh", "webhook", "serve", "--tls-cert", pki.cert_file(), "--tls-key", pki.key_file(),
                        "--listen", "8443"})
                  .exit_code,
              2);
}

// Runs the real binary, reads its stderr for the port, posts a review, then sends SIGTERM.
TEST(WebhookServe, ServesAndExitsZeroOnSigterm) {
    testing::TestPki pki;
    int err_pipe[2];
    ASSERT_EQ(pipe(err_pipe), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        dup2(err_pipe[1], 2);
        close(err_pipe[0]);
        execl(mesh::testing::mesh_binary(), "mesh", "webhook", "serve", "--listen", "127.0.0.1:0", "--tls-cert",
              pki.cert_file().c_str(), "--tls-key", pki.key_file().c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(err_pipe[1]);
    std::string log;
    std::smatch match;
    std::regex serving("https://127\\.0\\.0\\.1:([0-9]+)/inject");
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!std::regex_search(log, match, serving) && std::chrono::steady_clock::now() < deadline) {
        pollfd p{err_pipe[0], POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buffer[512];
        ssize_t n = read(err_pipe[0], buffer, sizeof buffer);
        if (n <= 0) break;
        log.append(buffer, static_cast<std::size_t>(n));
    }
    ASSERT_TRUE(std::regex_search(log, match, serving)) << log;
    int port = std::stoi(match[1]);
    httplib::SSLClient client("127.0.0.1", port);
    client.set_ca_cert_path(pki.ca_file().c_str());
    client.enable_server_certificate_verification(true);
    auto res = client.Post(
        "/inject",
        testing::read_test_file(testing::source_path("testdata/webhook/admissionreview-v1-pod-create-kubectl.json")),
        "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(nlohmann::json::parse(res->body)["response"]["patchType"], "JSONPatch");
    client.stop();
    kill(pid, SIGTERM);
    int status = 0;
    bool reaped = false;
    for (int i = 0; i < 200 && !reaped; ++i) {
        reaped = waitpid(pid, &status, WNOHANG) == pid;
        if (!reaped) std::this_thread::sleep_for(50ms);
    }
    if (!reaped) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        FAIL() << "mesh webhook serve did not stop on SIGTERM";
    }
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    close(err_pipe[0]);
}

}  // namespace
}  // namespace mesh::webhook
