#include "libmesh/health/proxy_target.hpp"

#include <gtest/gtest.h>

using namespace mesh::health;

TEST(ProxyTarget, AddressForms) {
    EXPECT_EQ(parse_proxy_address("10.0.0.5:9990")->base_url, "http://10.0.0.5:9990");
    EXPECT_EQ(parse_proxy_address("l5d.local")->base_url, "http://l5d.local:9990");
    EXPECT_EQ(parse_proxy_address("https://l5d.local:9443/")->base_url, "https://l5d.local:9443");
    EXPECT_EQ(parse_proxy_address("[::1]:9990")->base_url, "http://[::1]:9990");
    EXPECT_EQ(parse_proxy_address("namerd", 9991)->base_url, "http://namerd:9991");
    EXPECT_FALSE(parse_proxy_address("ftp://x"));
    EXPECT_FALSE(parse_proxy_address("x:99999"));
    EXPECT_FALSE(parse_proxy_address("x:"));
    EXPECT_FALSE(parse_proxy_address("a b:1"));
    EXPECT_FALSE(parse_proxy_address("http://@x:1"));
    EXPECT_FALSE(parse_proxy_address("http://u:%zz@x:1"));
}

TEST(ProxyTarget, FileWithCommentsAndLocatedErrors) {
    auto ok = parse_proxies_file("# header\n\n10.0.0.1:9990  # one\n  10.0.0.2\n", "p.txt");
    ASSERT_TRUE(ok);
    ASSERT_EQ(ok->size(), 2u);
    EXPECT_EQ((*ok)[1].base_url, "http://10.0.0.2:9990");
    auto bad = parse_proxies_file("10.0.0.1\n  bad:port:x\n", "p.txt");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().location.file, "p.txt");
    EXPECT_EQ(bad.error().location.line, 2);
    EXPECT_EQ(bad.error().location.column, 3);
}

namespace mesh::health {
namespace {

TEST(ProxyTargetSecrets, CredentialsInAnAddressAreNeverShown) {
    auto with_user = parse_proxy_address("https://admin:hun%40ter2@10.0.0.5:9990");
    ASSERT_TRUE(with_user);
    EXPECT_EQ(with_user->base_url, "https://10.0.0.5:9990");
    EXPECT_EQ(with_user->request_template.auth.username, "admin");  // sent as basic auth, as curl does
    EXPECT_EQ(with_user->request_template.auth.password, "hun@ter2");
    EXPECT_EQ(with_user->name.find("hun"), std::string::npos) << with_user->name;
    auto bad = parse_proxy_address("https://admin:hunter2@10.0.0.5:99999");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message.find("hunter2"), std::string::npos) << bad.error().message;
    auto in_file = parse_proxies_file("  https://admin:hunter2@10.0.0.5:99999 # ops\n", "p.txt");
    ASSERT_FALSE(in_file);
    EXPECT_EQ(in_file.error().source_line.find("hunter2"), std::string::npos) << in_file.error().source_line;
    EXPECT_NE(in_file.error().source_line.find("  https://REDACTED@10.0.0.5:99999 # ops"), std::string::npos)
        << in_file.error().source_line;
    auto with_token = parse_proxy_address("10.0.0.5:9990/admin?access_token=s3cr3t&x=1");
    ASSERT_TRUE(with_token);
    EXPECT_EQ(with_token->name.find("s3cr3t"), std::string::npos) << with_token->name;
    EXPECT_NE(with_token->name.find("access_token=REDACTED&x=1"), std::string::npos) << with_token->name;
    EXPECT_NE(with_token->base_url.find("access_token=s3cr3t"), std::string::npos);  // still sent to the proxy
}

}  // namespace
}  // namespace mesh::health
