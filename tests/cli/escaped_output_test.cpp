// Text from files, admin servers, API servers and namerd cannot drive the terminal through
// mesh's errors or tables.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli/error_printer.hpp"
#include "cli/table.hpp"

namespace mesh::cli {
namespace {

TEST(EscapedOutput, ErrorsShowTerminalSequencesEscaped) {
    core::Error error{core::ErrorCode::Input, "API server said: \x1b]0;pwned\x07\x1b[2Jgone\rover",
                      core::SourceLocation{"evil\x1b[31m.yaml", 1, 9}, "kind: \x1b[5mPod"};
    std::ostringstream err;
    print_error(err, error);
    std::string text = err.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << text;
    EXPECT_EQ(text, "mesh: error: evil\\x1b[31m.yaml:1:9: API server said: \\x1b]0;pwned\\x07\\x1b[2Jgone\\rover\n"
                    "    kind: \\x1b[5mPod\n"
                    "    " +
                        std::string(11, ' ') + "^\n");  // under the '5', escapes counted
}

TEST(EscapedOutput, MultiLineMessagesKeepTheirLines) {
    core::Error error{core::ErrorCode::Input, "exec plugin failed\ninstall it with: apt install x", {}, {}};
    std::ostringstream err;
    print_error(err, error);
    EXPECT_EQ(err.str(), "mesh: error: exec plugin failed\ninstall it with: apt install x\n");
}

TEST(EscapedOutput, TableCellsAreOneLineWithoutSequences) {
    TextTable table({"NAME", "VERSION"}, 1);
    table.add({"l5d-x\n\x1b[31mfake-row", "1.7.4\x9b"});
    std::string text = table.render();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
    EXPECT_NE(text.find("l5d-x\\n\\x1b[31mfake-row   1.7.4\\x9b\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace mesh::cli
