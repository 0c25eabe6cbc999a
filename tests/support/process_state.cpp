#include "tests/support/process_state.hpp"

#include <fstream>
#include <string>

namespace mesh::testing {

bool process_ended(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, name, state;
    return !(stat >> pid_field >> name >> state) || state == "Z";
}

}  // namespace mesh::testing
