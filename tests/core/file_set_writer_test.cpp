// Several files rewritten as one change: all old or all new, nothing left behind.

#include "libmesh/core/file_set_writer.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mesh::core {
namespace {

namespace fs = std::filesystem;

class FileSetWriterTest : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("mesh-file-set-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
    std::string write(const std::string& name, const std::string& content) {
        std::ofstream((dir / name), std::ios::binary) << content;
        return (dir / name).string();
    }
    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    std::size_t entries() const {
        std::size_t n = 0;
        for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir)) ++n;
        return n;
    }
};

TEST_F(FileSetWriterTest, CommitReplacesEveryFile) {
    auto a = write("a", "old a");
    auto b = write("b", "old b");
    FileSetWriter files;
    ASSERT_TRUE(files.stage(a, "new a"));
    ASSERT_TRUE(files.stage(b, "new b"));
    ASSERT_TRUE(files.commit());
    EXPECT_EQ(read(a), "new a");
    EXPECT_EQ(read(b), "new b");
    EXPECT_EQ(entries(), 2u);
}

TEST_F(FileSetWriterTest, WhatIsNotCommittedLeavesEveryFileOldAndNothingBehind) {
    auto a = write("a", "old a");
    auto b = write("b", "old b");
    {
        FileSetWriter files;
        ASSERT_TRUE(files.stage(a, "new a"));
        ASSERT_TRUE(files.stage(b, "new b"));
    }
    EXPECT_EQ(read(a), "old a");
    EXPECT_EQ(read(b), "old b");
    EXPECT_EQ(entries(), 2u);
}

TEST_F(FileSetWriterTest, AFailedRenameNamesWhatWasRewrittenAndWhatWasNot) {
    fs::create_directory(dir / "one");
    fs::create_directory(dir / "two");
    auto a = write("one/a", "old a");
    auto b = write("two/b", "old b");
    FileSetWriter files;
    ASSERT_TRUE(files.stage(a, "new a"));
    ASSERT_TRUE(files.stage(b, "new b"));
    fs::rename(dir / "two", dir / "moved");  // b's directory is gone by commit time
    auto result = files.commit();
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("already rewritten: " + a + "; left as they were: " + b), std::string::npos)
        << result.error().message;
    EXPECT_EQ(read(a), "new a");
    EXPECT_EQ(read((dir / "moved" / "b").string()), "old b");
    EXPECT_EQ(entries(), 4u);
}

TEST_F(FileSetWriterTest, RefusesWhatIsNotARegularFile) {
    std::string fifo = (dir / "fifo").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    FileSetWriter files;
    auto result = files.stage(fifo, "x");
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("is a FIFO"), std::string::npos) << result.error().message;
    auto d = files.stage(dir.string(), "x");
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message.find("is a directory"), std::string::npos);
}

TEST_F(FileSetWriterTest, KeepsTheModeIncludingSetgid) {
    auto a = write("a", "old");
    ASSERT_EQ(::chmod(a.c_str(), 02640), 0);
    FileSetWriter files;
    ASSERT_TRUE(files.stage(a, "new"));
    ASSERT_TRUE(files.commit());
    struct stat st {};
    ASSERT_EQ(::stat(a.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 02640u);
}

}  // namespace
}  // namespace mesh::core
