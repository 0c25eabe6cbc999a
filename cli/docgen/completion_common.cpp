#include "cli/docgen/completion_scripts.hpp"

namespace mesh::cli {

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string fish_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string completion_kind_word(const OptionModel& option) {
    switch (option.kind) {
    case ValueKind::None: return "none";
    case ValueKind::Text: return "text";
    case ValueKind::File: return "files";
    case ValueKind::Directory: return "dirs";
    case ValueKind::Context: return "contexts";
    case ValueKind::Namespace: return "namespaces";
    case ValueKind::DtabNamespace: return "dtab-namespaces";
    case ValueKind::Choice: {
        std::string out = "words:";
        for (std::size_t i = 0; i < option.choices.size(); ++i) out += (i ? " " : "") + option.choices[i];
        return out;
    }
    }
    return "text";
}

std::string render_completion(const std::string& shell, const CommandModel& root) {
    if (shell == "bash") return render_bash_completion(root);
    if (shell == "zsh") return render_zsh_completion(root);
    if (shell == "fish") return render_fish_completion(root);
    return {};
}

}  // namespace mesh::cli
