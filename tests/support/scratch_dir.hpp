#pragma once
// A fresh temporary directory for one test, removed with everything in it when it goes away.

#include <string>

namespace mesh::testing {

/// Owns a new directory under $TMPDIR (or /tmp).
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    /// The directory's absolute path.
    const std::string& path() const { return m_path; }
    /// Writes `content` to `relative` inside the directory (creating parents) and returns its path.
    std::string write(const std::string& relative, const std::string& content) const;

private:
    std::string m_path;
};

/// The whole content of a file, or an empty string when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace mesh::testing
