// Which image tags name a version, so the pod image can stand in for /admin/server_info.

#include <gtest/gtest.h>

#include "libmesh/health/version_tag.hpp"

TEST(IsVersionTag, ReleaseTagsNameAVersionMovingTagsDoNot) {
    using mesh::health::is_version_tag;
    EXPECT_TRUE(is_version_tag("1.7.5"));
    EXPECT_TRUE(is_version_tag("v1.6.4-rc1"));
    EXPECT_FALSE(is_version_tag("latest"));
    EXPECT_FALSE(is_version_tag("stable"));
    EXPECT_FALSE(is_version_tag("1"));
    EXPECT_FALSE(is_version_tag(""));
    EXPECT_FALSE(is_version_tag(std::nullopt));
}
