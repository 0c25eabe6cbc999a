#include "libmesh/dtab/namers.hpp"

#include <arpa/inet.h>

#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>
#include <sys/stat.h>

#include "libmesh/core/file_reader.hpp"
#include "libmesh/core/split.hpp"

namespace mesh::dtab {

namespace {

// java.lang.Double.parseDouble for the decimal forms (sign, digits, '.', exponent, an 'f'/'d'
// suffix, "NaN", "Infinity"); hexadecimal floats are not accepted here.
std::optional<double> java_parse_double(const std::string& s) {
    static const std::regex k_decimal("[+-]?(NaN|Infinity|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)");
    if (!std::regex_match(s, k_decimal)) return std::nullopt;
    std::string number = s;
    if (!number.empty() && std::strchr("fFdD", number.back()) && number.find("Infinity") == std::string::npos)
        number.pop_back();
    if (number.find("NaN") != std::string::npos) return std::nan("");
    return std::strtod(number.c_str(), nullptr);  // "Infinity" is read by strtod too
}

// java.lang.Integer.parseInt: optional sign, decimal digits, within int range.
std::optional<long long> java_parse_int(const std::string& s) {
    std::size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        ++i;
    }
    if (i >= s.size()) return std::nullopt;
    long long v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
        if (v > 2147483648LL) return std::nullopt;
    }
    v = neg ? -v : v;
    if (v > INT_MAX || v < INT_MIN) return std::nullopt;
    return v;
}

// Java's textToNumericFormatV4: 1 to 4 decimal parts, the last one filling the remaining bytes.
std::optional<std::string> java_ipv4(const std::string& s) {
    if (s.empty() || s.back() == '.' || s.size() > 40) return std::nullopt;
    unsigned long long parts[4];
    std::size_t count = 0;
    unsigned long long cur = 0;
    std::size_t digits = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        char c = i < s.size() ? s[i] : '.';
        if (c == '.') {
            if (digits == 0 || digits > 10 || count == 4) return std::nullopt;
            parts[count++] = cur;
            cur = 0;
            digits = 0;
        } else if (c >= '0' && c <= '9') {
            cur = cur * 10 + static_cast<unsigned>(c - '0');
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    unsigned char b[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i + 1 < count; ++i) {
        if (parts[i] > 255) return std::nullopt;
        b[i] = static_cast<unsigned char>(parts[i]);
    }
    std::size_t rest_bytes = 4 - (count - 1);
    unsigned long long last = parts[count - 1];
    if (last >= (1ULL << (8 * rest_bytes))) return std::nullopt;
    for (std::size_t k = 0; k < rest_bytes; ++k) b[3 - k] = static_cast<unsigned char>((last >> (8 * k)) & 0xff);
    char buf[16];
    int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<std::string> java_ipv6(std::string s) {
    if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
    unsigned char b[16];
    if (inet_pton(AF_INET6, s.c_str(), b) != 1) return std::nullopt;
    // Inet6Address.getHostAddress: eight groups, no zero compression.
    std::string out;
    char buf[8];
    for (int g = 0; g < 8; ++g) {
        if (g) out += ':';
        std::snprintf(buf, sizeof buf, "%x", (b[2 * g] << 8) | b[2 * g + 1]);
        out += buf;
    }
    return out;
}

NamerResult error(std::string message) {
    NamerResult r;
    r.kind = NamerResult::Kind::Error;
    r.message = std::move(message);
    return r;
}

NamerResult bound(Path id, Path residual, Addr addr) {
    NamerResult r;
    r.kind = NamerResult::Kind::Bound;
    r.bound = {std::move(id), std::move(residual), std::move(addr)};
    return r;
}

NamerResult rewrite_to(Path p) {
    NamerResult r;
    r.kind = NamerResult::Kind::Rewrite;
    r.path = std::move(p);
    return r;
}

NamerResult neg() { return NamerResult{}; }

// InetSocketAddress rejects ports outside 0..65535 with this message.
NamerResult inet_bound(Path id, Path residual, const std::string& host, long long port) {
    if (port < 0 || port > 65535) return error("port out of range:" + std::to_string(port));
    return bound(std::move(id), std::move(residual), inet_addr(host, static_cast<int>(port)));
}

bool full_match(const std::string& s, const std::regex& re) { return std::regex_match(s, re); }

Path prepend(std::initializer_list<const std::string*> head, const Path& rest) {
    Path p;
    for (const auto* h : head) p.elems.push_back(*h);
    p.elems.insert(p.elems.end(), rest.elems.begin(), rest.elems.end());
    return p;
}

std::string strip_port(const std::string& host) {
    auto colon = host.find(':');
    return colon == std::string::npos ? host : host.substr(0, colon);
}

// linkerd's hostportPfx / porthostPfx: /pfx/host:port/rest.
NamerResult host_port(const Path& p, bool port_first) {
    static const std::regex k_dns_label("[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?");
    if (p.size() < 2) return neg();
    std::vector<std::string> parts = core::split(p.elems[1], ':');
    if (parts.size() != 2 || parts[0].empty() || !full_match(parts[1], k_dns_label)) return neg();
    Path rest = drop(p, 2);
    return port_first ? rewrite_to(prepend({&p.elems[0], &parts[1], &parts[0]}, rest))
                      : rewrite_to(prepend({&p.elems[0], &parts[0], &parts[1]}, rest));
}

NamerResult http_namer(const std::string& cls, const Path& p) {
    static const std::regex k_method("[A-Z]+");
    static const std::regex k_host("[A-Za-z0-9.:_-]+");
    if (cls == "anyMethod") {
        if (p.size() < 1 || !full_match(p.elems[0], k_method)) return neg();
        return rewrite_to(drop(p, 1));
    }
    if (cls == "anyMethodPfx") {
        if (p.size() < 2 || !full_match(p.elems[1], k_method)) return neg();
        return rewrite_to(prepend({&p.elems[0]}, drop(p, 2)));
    }
    if (cls == "anyHost") {
        if (p.size() < 1 || !full_match(p.elems[0], k_host)) return neg();
        return rewrite_to(drop(p, 1));
    }
    if (cls == "anyHostPfx") {
        if (p.size() < 2 || !full_match(p.elems[1], k_host)) return neg();
        return rewrite_to(prepend({&p.elems[0]}, drop(p, 2)));
    }
    auto subdomain = [](const std::string& domain, const std::string& host) -> std::optional<std::string> {
        std::string h = strip_port(host);
        std::string suffix = "." + domain;
        if (h.size() <= suffix.size() || h.compare(h.size() - suffix.size(), suffix.size(), suffix) != 0)
            return std::nullopt;
        return h.substr(0, h.size() - suffix.size());
    };
    if (cls == "subdomainOf") {
        if (p.size() < 2) return neg();
        auto sub = subdomain(p.elems[0], p.elems[1]);
        if (!sub) return neg();
        return rewrite_to(prepend({&*sub}, drop(p, 2)));
    }
    if (cls == "subdomainOfPfx") {
        if (p.size() < 3) return neg();
        auto sub = subdomain(p.elems[0], p.elems[2]);
        if (!sub) return neg();
        return rewrite_to(prepend({&p.elems[1], &*sub}, drop(p, 3)));
    }
    auto reversed_domain = [](const std::string& host) {
        std::vector<std::string> labels = core::split(strip_port(host), '.');
        Path out;
        for (auto it = labels.rbegin(); it != labels.rend(); ++it)
            if (!it->empty()) out.elems.push_back(*it);
        return out;
    };
    if (cls == "domainToPath") {
        if (p.size() < 1) return neg();
        return rewrite_to(concat(reversed_domain(p.elems[0]), drop(p, 1)));
    }
    if (cls == "domainToPathPfx") {
        if (p.size() < 2) return neg();
        return rewrite_to(concat(prepend({&p.elems[0]}, reversed_domain(p.elems[1])), drop(p, 2)));
    }
    return error("");  // unknown http class; the caller reports it
}

}  // namespace

Addr inet_addr(const std::string& host, int port) {
    Addr a;
    // Finagle's InetResolver answers an empty host with InetAddress.getLoopbackAddress, and
    // Java resolves "localhost" to the loopback address without asking DNS.
    std::optional<std::string> ip;
    if (host.empty() || host == "localhost") ip = "127.0.0.1";
    if (!ip) ip = java_ipv4(host);
    if (!ip) ip = java_ipv6(host);
    if (!ip) {
        a.kind = Addr::Kind::Pending;
        a.cause = "host name " + host + " needs DNS resolution";
        return a;
    }
    a.kind = Addr::Kind::Bound;
    a.addrs.push_back({*ip, port});
    return a;
}

const std::vector<std::string>& known_global_namers() {
    static const std::vector<std::string> k_names = {"inet",
                                                     "fixedinet",
                                                     "nil",
                                                     "fail",
                                                     "io.buoyant.rinet",
                                                     "io.buoyant.hostportPfx",
                                                     "io.buoyant.porthostPfx",
                                                     "io.buoyant.http.anyMethod",
                                                     "io.buoyant.http.anyMethodPfx",
                                                     "io.buoyant.http.anyHost",
                                                     "io.buoyant.http.anyHostPfx",
                                                     "io.buoyant.http.subdomainOf",
                                                     "io.buoyant.http.subdomainOfPfx",
                                                     "io.buoyant.http.domainToPath",
                                                     "io.buoyant.http.domainToPathPfx"};
    return k_names;
}

std::size_t symbolic_id_length(const std::string& namer) {
    if (namer == "io.l5d.k8s") return 3;  // namespace / port / service
    if (namer == "io.l5d.k8s.external") return 3;
    if (namer == "io.l5d.k8s.ns") return 2;  // port / service
    if (namer == "io.l5d.consul") return 2;  // datacenter / service
    if (namer == "io.l5d.dnssrv") return 1;
    return 1;  // io.l5d.fs and most others: the first element
}

NamerResult lookup_global(const Path& path) {
    if (path.size() < 2 || path.elems[0] != "$") return neg();
    const std::string& cls = path.elems[1];
    if (cls == "inet" || cls == "fixedinet") {
        if (path.size() >= 4) {
            if (auto port = java_parse_int(path.elems[3]))
                return inet_bound(take(path, 4), drop(path, 4), path.elems[2], *port);
        }
        if (path.size() >= 3) {
            if (auto port = java_parse_int(path.elems[2]))
                return inet_bound(take(path, 3), drop(path, 3), "", *port);  // no host: loopback
        }
        return error("Unknown namer: " + cls + " for path: " + show(path));
    }
    Path rest = drop(path, 2);
    if (cls == "fail") {
        NamerResult r;
        r.kind = NamerResult::Kind::Fail;
        return r;
    } else if (cls == "nil") {
        NamerResult r;
        r.kind = NamerResult::Kind::Empty;
        return r;
    } else if (cls == "io.buoyant.rinet") {
        if (rest.size() < 2) return neg();
        auto port = java_parse_int(rest.elems[0]);
        if (!port) return error("For input string: \"" + rest.elems[0] + "\"");
        return inet_bound(take(path, 4), drop(path, 4), rest.elems[1], *port);
    } else if (cls == "io.buoyant.hostportPfx" || cls == "io.buoyant.porthostPfx") {
        return host_port(rest, cls == "io.buoyant.porthostPfx");
    } else if (cls.rfind("io.buoyant.http.", 0) == 0) {
        NamerResult r = http_namer(cls.substr(16), rest);
        if (!(r.kind == NamerResult::Kind::Error && r.message.empty())) return r;
    }
    return error("Unknown namer: " + cls + " for path: " + show(path));
}

Namers::Namers(NamerConfig config) : m_config(std::move(config)) {}

NamerResult Namers::lookup(const Path& path) const {
    if (path.size() >= 2 && path.elems[0] == "#") return lookup_hash(path);
    return lookup_global(path);
}

NamerResult Namers::lookup_hash(const Path& path) const {
    const std::string& namer = path.elems[1];
    Path rest = drop(path, 2);
    bool mounted = false;
    for (const auto& [name, fn] : m_config.mounted) {
        if (name != namer) continue;
        mounted = true;
        NamerResult r = fn(rest);
        if (r.kind != NamerResult::Kind::Neg) return r;  // Neg: the next matching namer is tried
    }
    // A namer that answered Neg is not bound symbolically after all: linkerd then asks Finagle's
    // global namer, which has nothing under /#.
    if (mounted) return neg();
    if (namer == "io.l5d.fs" && m_config.fs_dir) return lookup_fs(rest);
    if (!m_config.symbolic_hash_namers) return neg();
    std::size_t n = symbolic_id_length(namer);
    if (rest.size() < n) return neg();
    Addr pending;
    pending.kind = Addr::Kind::Pending;
    pending.cause = "namer " + namer + " needs live service discovery";
    return bound(take(path, 2 + n), drop(path, 2 + n), pending);
}

NamerResult Namers::lookup_fs(const Path& rest) const {
    if (rest.empty()) return neg();
    const std::string& name = rest.elems[0];
    if (name == "." || name == ".." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
        return neg();
    std::string file = *m_config.fs_dir + "/" + name;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return neg();
    auto text = core::read_file_bounded(file, 1u << 20);
    if (!text && text.error().kind == core::ReadFailure::Kind::TooLarge)
        return error("io.l5d.fs: " + file + " is larger than 1 MiB");
    if (!text) return error("io.l5d.fs: cannot read " + file);
    std::istringstream in(*text);
    Addr addr;
    addr.kind = Addr::Kind::Bound;
    // Linkerd's WatchingNamer: drop what follows '#', trim, skip empty lines; then `host port`
    // or `host port * weight` (a WeightedAddress), port 1..65535.
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        std::istringstream fields(line.substr(0, line.find('#')));
        std::vector<std::string> words;
        for (std::string w; fields >> w;) words.push_back(w);
        if (words.empty()) continue;
        auto port = words.size() >= 2 ? java_parse_int(words[1]) : std::nullopt;
        std::optional<double> weight;
        if (words.size() == 4 && words[2] == "*") weight = java_parse_double(words[3]);
        bool well_formed = port && *port > 0 && *port <= 65535 && (words.size() == 2 || (words.size() == 4 && weight));
        if (!well_formed)
            return error("io.l5d.fs: " + file + ":" + std::to_string(line_no) + ": malformed address: " +
                         line.substr(0, line.find('#')) + " (expected 'host port' or 'host port * weight')");
        Addr one = inet_addr(words[0], static_cast<int>(*port));
        if (one.kind != Addr::Kind::Bound) {
            addr = one;  // a host name: the whole address set needs resolution
            break;
        }
        one.addrs.front().weight = weight;
        addr.addrs.push_back(one.addrs.front());
    }
    Path id;
    id.elems = {"#", "io.l5d.fs", name};
    return bound(std::move(id), drop(rest, 1), std::move(addr));
}

}  // namespace mesh::dtab
