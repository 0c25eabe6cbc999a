// `mesh check --once --workloads -A` at scale: 5,000 application pods on 201 nodes, 200 l5d pods
// whose admin servers are 200 fake Linkerds, all behind the fake Kubernetes API server of the
// tests (TLS, pod proxy), on loopback. Runs the built mesh as a child process and reports its wall
// time, peak RSS and the list requests it made. Timing goals live here, never in the tests.

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::testing;

namespace {

struct Run {
    double seconds = 0;
    long max_rss_kib = 0;
    int exit_code = -1;
    std::string out;
};

std::string read_file(const std::string& path) {
    std::string text;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        char buffer[65536];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
        std::fclose(f);
    }
    return text;
}

// Runs mesh under /usr/bin/time: the peak RSS of a child forked from this process (200 servers,
// 5,000 pods of JSON) would count this process's pages until exec.
Run run_mesh_child(std::vector<std::string> args, const std::string& out_path) {
    Run run;
    std::string rss_path = out_path + ".rss";
    args.insert(args.begin(), {"/usr/bin/time", "-f", "%M", "-o", rss_path});
    auto start = std::chrono::steady_clock::now();
    std::fflush(stdout);  // or the child's copy of the buffer is printed twice
    pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        if (!freopen(out_path.c_str(), "w", stdout)) _exit(126);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // time writes "Command exited with non-zero status 3" first when mesh found problems.
    std::string rss = read_file(rss_path);
    auto last_line = rss.find_last_of('\n', rss.size() >= 2 ? rss.size() - 2 : 0);
    run.max_rss_kib = std::atol(rss.c_str() + (last_line == std::string::npos ? 0 : last_line + 1));
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_file(out_path);
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    int nodes = argc > 1 ? std::atoi(argv[1]) : 201;
    int pods = argc > 2 ? std::atoi(argv[2]) : 5000;
    int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
    std::string mesh = argc > 4 ? argv[4] : mesh_binary();

    FakeLinkerdOptions admin;
    admin.config_json = servicemesh_config_json();
    std::vector<std::unique_ptr<FakeLinkerd>> proxies;
    std::vector<std::string> backends;
    for (int i = 0; i < nodes - 1; ++i) {
        proxies.push_back(std::make_unique<FakeLinkerd>(FakeMode::Healthy, admin));
        backends.push_back(proxies.back()->address());
    }
    FakeKubeApi api(scaled_cluster(nodes, pods, backends));
    std::string dir = "/tmp/mesh-workloads-bench-" + std::to_string(getpid());
    std::string mkdir = "mkdir -p " + dir;
    if (std::system(mkdir.c_str()) != 0) return 1;
    std::string kubeconfig = dir + "/kubeconfig";
    std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\ncurrent-context: b\nclusters:\n- name: f\n  cluster:\n"
                                 "    server: "
                              << api.url() << "\n    certificate-authority-data: "
                              << mesh::core::base64_encode(read_testdata("kube/tls/server.crt"))
                              << "\ncontexts:\n- name: b\n  context: {cluster: f, user: u}\n"
                                 "users:\n- name: u\n  user: {token: good-token}\n";
    if (std::getenv("BENCH_SERVE")) {
        // Keep the fakes up for a manual run: mesh check --kubeconfig PATH ...
        std::printf("kubeconfig: %s\n", kubeconfig.c_str());
        std::fflush(stdout);
        pause();
    }
    std::printf("mesh check --once --workloads -A: %d pods on %d nodes, %d l5d pods (fake admins), loopback\n", pods,
                nodes, nodes - 1);
    std::printf("%-6s %10s %12s %14s %10s %10s %18s\n", "round", "wall", "peak RSS", "list requests", "pods",
                "findings", "without --workloads");
    double best = 1e9;
    for (int round = 1; round <= rounds; ++round) {
        int lists_before = api.list_requests();
        Run run =
            run_mesh_child({mesh, "check", "--kubeconfig", kubeconfig, "--once", "--workloads", "-A", "-o", "json"},
                           dir + "/out.json");
        int lists = api.list_requests() - lists_before;
        auto doc = nlohmann::json::parse(run.out, nullptr, false);
        if (doc.is_discarded() || !doc.contains("workloads")) {
            std::fprintf(stderr, "mesh exited %d without a JSON document\n", run.exit_code);
            return 1;
        }
        const auto& w = doc["workloads"];
        // The same check of the 200 proxies alone, to tell what the workloads add.
        Run plain =
            run_mesh_child({mesh, "check", "--kubeconfig", kubeconfig, "--once", "-o", "json"}, dir + "/plain.json");
        std::printf("%-6d %9.3fs %9.1f MiB %14d %10s %10zu %17.3fs\n", round, run.seconds, run.max_rss_kib / 1024.0,
                    lists, w["pods"].dump().c_str(), w["findings"].size(), plain.seconds);
        if (run.seconds < best) best = run.seconds;
    }
    int objects = pods + nodes - 1;
    std::printf("\nbest wall %.3f s (goal: under 3 s); list requests allowed: %d (one per 500 of %d pods)\n", best,
                (objects + 499) / 500 + 1, objects);
    std::string rm = "rm -rf " + dir;
    return std::system(rm.c_str()) == 0 ? 0 : 1;
}
