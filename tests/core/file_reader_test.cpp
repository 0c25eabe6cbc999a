// The one bounded reader: it stops at its limit while reading, so endless inputs fail fast.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "libmesh/core/file_reader.hpp"

using mesh::core::read_bounded;
using mesh::core::read_file_bounded;
using mesh::core::ReadFailure;

namespace {

// A stream that counts how many bytes were taken from it and never ends.
class EndlessBuffer : public std::streambuf {
public:
    std::size_t taken = 0;

protected:
    std::streamsize xsgetn(char* s, std::streamsize n) override {
        std::fill(s, s + n, 'x');
        taken += static_cast<std::size_t>(n);
        return n;
    }
    int_type underflow() override {
        m_byte = 'x';
        setg(&m_byte, &m_byte, &m_byte + 1);
        ++taken;
        return traits_type::to_int_type(m_byte);
    }

private:
    char m_byte = 'x';
};

std::string temp_file(const std::string& name, const std::string& content) {
    auto path = (std::filesystem::temp_directory_path() / ("mesh_file_reader_" + name)).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

}  // namespace

TEST(FileReader, ReadsUpToAndIncludingTheLimit) {
    std::istringstream in("hello");
    EXPECT_EQ(read_bounded(in, 5), "hello");
    auto path = temp_file("exact", "hello");
    EXPECT_EQ(read_file_bounded(path, 5), "hello");
    EXPECT_EQ(read_file_bounded(path, 4).error().kind, ReadFailure::Kind::TooLarge);
    std::filesystem::remove(path);
}

// Inputs of several MiB, with a size (one buffer, advised to use huge pages), with a size too small
// (the buffer grows) and without one (1 MiB chunks joined at the end): every byte arrives, in order.
TEST(FileReader, BigInputsArriveWholeWithAndWithoutASizeHint) {
    std::string big(9u << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + (i * 31 + i / 4099) % 26);
    for (std::size_t hint : {std::size_t{0}, big.size(), std::size_t{3} << 20}) {
        std::istringstream in(big);
        auto text = read_bounded(in, 64u << 20, hint);
        ASSERT_TRUE(text) << hint;
        EXPECT_TRUE(*text == big) << hint;
    }
}

TEST(FileReader, NeverTakesMoreThanOneBytePastTheLimit) {
    EndlessBuffer endless;
    std::istream in(&endless);
    auto text = read_bounded(in, 200000);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().kind, ReadFailure::Kind::TooLarge);
    EXPECT_EQ(endless.taken, 200001u);
}

TEST(FileReader, DevZeroFailsAtTheLimit) {
    auto text = read_file_bounded("/dev/zero", 1u << 20);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().kind, ReadFailure::Kind::TooLarge);
}

TEST(FileReader, AMissingFileCannotBeOpenedAndSaysWhy) {
    auto text = read_file_bounded("/nonexistent/mesh/file", 100);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().kind, ReadFailure::Kind::CannotOpen);
    EXPECT_EQ(text.error().error_number, ENOENT);
}
