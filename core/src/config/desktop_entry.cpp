// SPDX-License-Identifier: Apache-2.0
// Desktop entries (Desktop Entry Specification 1.5, "Basic format of the file", "Possible
// value types", "The Exec key").
#include "redpak/config/desktop_entry.h"

#include "base/text_limits.h"
#include "redpak/base/diagnostic.h"

#include <algorithm>

namespace redpak {

namespace {

constexpr std::string_view kMainGroup = "Desktop Entry";
// Characters an Exec argument may hold only inside double quotes.
constexpr std::string_view kReservedExecCharacters = " \t\n\"'\\><~|&;$*?#()`";
// Characters escaped by a backslash inside a quoted Exec argument.
constexpr std::string_view kQuotedExecEscapes = "\"`$\\";
constexpr std::string_view kBooleanKeys[] = {"Terminal",        "NoDisplay",
                                             "Hidden",          "DBusActivatable",
                                             "StartupNotify",   "PrefersNonDefaultGPU",
                                             "SingleMainWindow"};

[[noreturn]] void failAt(const std::string& fileName, int line, const std::string& message) {
    throw InputError(Diagnostic{fileName, line, 0, message});
}

bool isKeyCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// "Name[fr] = Nom" -> key "Name", locale "fr", value "Nom".
DesktopEntryKey parseKeyLine(std::string_view line, const std::string& fileName, int number) {
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
        failAt(fileName, number, "expected a group header [Group], a comment or Key=Value");
    }
    std::string_view key = trimmed(line.substr(0, equals));
    DesktopEntryKey out;
    out.line = number;
    out.value = std::string(trimmed(line.substr(equals + 1)));
    if (const auto open = key.find('['); open != std::string_view::npos) {
        if (key.back() != ']' || open + 2 > key.size() - 1) {
            failAt(fileName, number, "expected Key[locale]=Value");
        }
        out.locale = std::string(key.substr(open + 1, key.size() - open - 2));
        key = key.substr(0, open);
    }
    if (key.empty() || !std::all_of(key.begin(), key.end(), isKeyCharacter)) {
        failAt(fileName, number,
               "invalid key '" + std::string(key) + "' (letters, digits and '-' only)");
    }
    out.key = std::string(key);
    return out;
}

std::string parseGroupHeader(std::string_view line, const std::string& fileName, int number) {
    if (line.back() != ']' || line.size() < 3) {
        failAt(fileName, number, "expected a group header [Group Name]");
    }
    const std::string_view name = line.substr(1, line.size() - 2);
    if (name.find_first_of("[]") != std::string_view::npos) {
        failAt(fileName, number, "a group name cannot contain '[' or ']'");
    }
    return std::string(name);
}

void addKey(DesktopEntryGroup& group, DesktopEntryKey key, const std::string& fileName) {
    for (const DesktopEntryKey& known : group.keys) {
        if (known.key == key.key && known.locale == key.locale) {
            failAt(fileName, key.line,
                   "key '" + key.key + "' is already set on line " + std::to_string(known.line) +
                       " of group [" + group.name + "]");
        }
    }
    group.keys.push_back(std::move(key));
}

std::vector<DesktopEntryGroup> parseGroups(std::string_view text, const std::string& fileName) {
    std::vector<DesktopEntryGroup> groups;
    int number = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = trimmed(text.substr(start, end - start));
        start = end + 1;
        ++number;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() == '[') {
            groups.push_back({parseGroupHeader(line, fileName, number), number, {}});
            for (std::size_t i = 0; i + 1 < groups.size(); ++i) {
                if (groups[i].name == groups.back().name) {
                    failAt(fileName, number, "group [" + groups.back().name + "] appears twice");
                }
            }
            continue;
        }
        if (groups.empty()) {
            failAt(fileName, number, "a key before the first group; expected [Desktop Entry]");
        }
        addKey(groups.back(), parseKeyLine(line, fileName, number), fileName);
    }
    return groups;
}

const DesktopEntryKey* findKey(const DesktopEntryGroup& group, std::string_view key) {
    for (const DesktopEntryKey& entry : group.keys) {
        if (entry.key == key && entry.locale.empty()) {
            return &entry;
        }
    }
    return nullptr;
}

// The items of a list value ("A;B\;C;" -> "A", "B;C"); "A;;B" has no empty item.
std::vector<std::string> splitListValue(const DesktopEntryKey& key) {
    std::vector<std::string> out;
    std::string current;
    const std::string decoded = decodeDesktopString(key.value, {}, key.line);
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        if (decoded[i] == '\\' && i + 1 < decoded.size() && decoded[i + 1] == ';') {
            current += ';';
            ++i;
        } else if (decoded[i] == ';') {
            if (!current.empty()) {
                out.push_back(std::move(current));
            }
            current.clear();
        } else {
            current += decoded[i];
        }
    }
    if (!current.empty()) {
        out.push_back(std::move(current));
    }
    return out;
}

const DesktopEntryKey& requireKey(const DesktopEntryGroup& group, std::string_view key,
                                  const std::string& fileName) {
    const DesktopEntryKey* found = findKey(group, key);
    if (!found) {
        failAt(fileName, group.line,
               "[Desktop Entry] has no " + std::string(key) + " key; an application needs one");
    }
    return *found;
}

void checkMainGroup(const DesktopEntryGroup& group, const std::string& fileName) {
    const DesktopEntryKey& type = requireKey(group, "Type", fileName);
    if (type.value != "Application") {
        failAt(fileName, type.line,
               "Type is '" + type.value + "'; only Type=Application can run in a node");
    }
    requireKey(group, "Name", fileName);
    for (const DesktopEntryKey& key : group.keys) {
        const bool boolean = std::find(std::begin(kBooleanKeys), std::end(kBooleanKeys), key.key) !=
                             std::end(kBooleanKeys);
        if (boolean && key.value != "true" && key.value != "false") {
            failAt(fileName, key.line, key.key + " is '" + key.value + "'; expected true or false");
        }
        if (!boolean) {
            decodeDesktopString(key.value, fileName, key.line); // refuses bad escapes
        }
        if (key.key == kSessionBusKey && key.locale.empty()) {
            parseSessionBusNames(splitListValue(key), fileName, key.line);
        }
    }
}

// What a field code that is a whole argument expands to: zero, one or several arguments.
void expandStandaloneCode(char code, const DesktopEntry& entry,
                          const std::vector<std::string>& files, std::string_view location,
                          std::vector<std::string>& out, const std::string& fileName) {
    switch (code) {
    case 'f':
    case 'u':
        if (!files.empty()) {
            out.push_back(files.front());
        }
        return;
    case 'F':
    case 'U':
        out.insert(out.end(), files.begin(), files.end());
        return;
    case 'i':
        if (!entry.icon().empty()) {
            out.insert(out.end(), {"--icon", entry.icon()});
        }
        return;
    case 'k':
        if (!location.empty()) {
            out.emplace_back(location);
        }
        return;
    case 'c':
        out.push_back(entry.name());
        return;
    case '%':
        out.emplace_back("%");
        return;
    case 'd':
    case 'D':
    case 'n':
    case 'N':
    case 'v':
    case 'm':
        return; // deprecated: removed
    default:
        failAt(fileName, 0, std::string("Exec uses the unknown field code %") + code);
    }
}

// An argument with field codes inside it: only those that give one string may be embedded.
std::string expandEmbeddedCodes(std::string_view token, const DesktopEntry& entry,
                                const std::vector<std::string>& files, std::string_view location,
                                const std::string& fileName) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] != '%') {
            out += token[i];
            continue;
        }
        const char code = i + 1 < token.size() ? token[++i] : '\0';
        if (code == '%') {
            out += '%';
        } else if (code == 'f' || code == 'u') {
            out += files.empty() ? std::string() : files.front();
        } else if (code == 'c') {
            out += entry.name();
        } else if (code == 'k') {
            out += location;
        } else if (std::string_view("dDnNvm").find(code) == std::string_view::npos) {
            failAt(fileName, 0,
                   code == '\0' ? std::string("Exec ends with a lone %; write %% for a %")
                                : std::string("Exec embeds %") + code +
                                      " in an argument; it must be an argument of its own");
        }
    }
    return out;
}

} // namespace

std::string decodeDesktopString(std::string_view value, const std::string& fileName, int line) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        const char next = i + 1 < value.size() ? value[i + 1] : '\0';
        constexpr std::string_view kFrom = "sntr\\;";
        constexpr std::string_view kTo = " \n\t\r\\;";
        const auto found = kFrom.find(next);
        if (next == '\0' || found == std::string_view::npos) {
            failAt(fileName, line,
                   "invalid escape sequence '\\" + std::string(next ? 1 : 0, next) +
                       "' (expected \\s, \\n, \\t, \\r or \\\\)");
        }
        // \; only means something in lists; it is kept for their split.
        out += next == ';' ? std::string("\\;") : std::string(1, kTo[found]);
        ++i;
    }
    return out;
}

std::string encodeDesktopString(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    if (!out.empty() && out.front() == ' ') {
        out.replace(0, 1, "\\s"); // leading spaces are trimmed by readers otherwise
    }
    return out;
}

std::vector<std::string> splitExecLine(std::string_view exec, const std::string& fileName,
                                       int line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < exec.size()) {
        if (exec[i] == ' ' || exec[i] == '\t') {
            ++i;
            continue;
        }
        std::string argument;
        if (exec[i] == '"') {
            for (++i; i < exec.size() && exec[i] != '"'; ++i) {
                if (exec[i] == '\\') {
                    if (i + 1 >= exec.size() ||
                        kQuotedExecEscapes.find(exec[i + 1]) == std::string_view::npos) {
                        failAt(fileName, line,
                               "Exec: inside double quotes a backslash must precede \", `, $ "
                               "or \\");
                    }
                    ++i;
                }
                argument += exec[i];
            }
            if (i >= exec.size()) {
                failAt(fileName, line, "Exec: a double quote is not closed");
            }
            ++i;
            if (i < exec.size() && exec[i] != ' ' && exec[i] != '\t') {
                failAt(fileName, line,
                       "Exec: a quoted argument must be quoted whole (a space must follow the "
                       "closing quote)");
            }
        } else {
            for (; i < exec.size() && exec[i] != ' ' && exec[i] != '\t'; ++i) {
                if (kReservedExecCharacters.find(exec[i]) != std::string_view::npos) {
                    failAt(fileName, line,
                           std::string("Exec: the character '") + exec[i] +
                               "' must be inside a double-quoted argument");
                }
                argument += exec[i];
            }
        }
        out.push_back(std::move(argument));
    }
    if (out.empty()) {
        failAt(fileName, line, "Exec is empty; expected a program and its arguments");
    }
    return out;
}

DesktopEntry DesktopEntry::parse(std::string_view text, const std::string& fileName) {
    detail::checkTextLimits(text, fileName, kMaxDesktopEntryBytes);
    DesktopEntry entry;
    entry.m_groups = parseGroups(text, fileName);
    if (entry.m_groups.empty() || entry.m_groups.front().name != kMainGroup) {
        failAt(fileName, entry.m_groups.empty() ? 1 : entry.m_groups.front().line,
               "the first group must be [Desktop Entry]");
    }
    const DesktopEntryGroup& main = entry.m_groups.front();
    checkMainGroup(main, fileName);
    const DesktopEntryKey& exec = requireKey(main, "Exec", fileName);
    entry.m_execTokens =
        splitExecLine(decodeDesktopString(exec.value, fileName, exec.line), fileName, exec.line);
    return entry;
}

std::optional<std::string> DesktopEntry::value(std::string_view key) const {
    const DesktopEntryKey* found = findKey(m_groups.front(), key);
    if (!found) {
        return std::nullopt;
    }
    std::string decoded = decodeDesktopString(found->value, {}, found->line);
    for (std::size_t at = decoded.find("\\;"); at != std::string::npos;
         at = decoded.find("\\;", at + 1)) {
        decoded.erase(at, 1);
    }
    return decoded;
}

std::vector<std::string> DesktopEntry::categories() const {
    const DesktopEntryKey* found = findKey(m_groups.front(), "Categories");
    return found ? splitListValue(*found) : std::vector<std::string>();
}

std::optional<std::vector<std::string>> DesktopEntry::sessionBus() const {
    const DesktopEntryKey* found = findKey(m_groups.front(), kSessionBusKey);
    if (!found) {
        return std::nullopt;
    }
    return parseSessionBusNames(splitListValue(*found), {}, found->line);
}

bool isValidBusNamePattern(std::string_view name) {
    constexpr std::size_t kMaxBusName = 255;
    if (name.ends_with(".*")) {
        name.remove_suffix(2);
    }
    if (name.empty() || name.size() > kMaxBusName || name.find('.') == std::string_view::npos) {
        return false;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = name.find('.', start);
        const std::string_view element = name.substr(start, dot - start);
        const auto allowed = [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-';
        };
        if (element.empty() || (element[0] >= '0' && element[0] <= '9') ||
            !std::all_of(element.begin(), element.end(), allowed)) {
            return false;
        }
        if (dot == std::string_view::npos) {
            return true;
        }
        start = dot + 1;
    }
}

std::vector<std::string> parseSessionBusNames(const std::vector<std::string>& names,
                                              const std::string& fileName, int line) {
    std::vector<std::string> out;
    for (const std::string& name : names) {
        if (name == kPortalsWord) {
            out.emplace_back(kPortalBusNames);
        } else if (isValidBusNamePattern(name)) {
            out.push_back(name);
        } else {
            failAt(fileName, line,
                   "'" + name + "' is not a session bus name (org.example.App, org.example.* or " +
                       std::string(kPortalsWord) + ")");
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> execArguments(const DesktopEntry& entry,
                                       const std::vector<std::string>& files,
                                       std::string_view location, const std::string& fileName) {
    std::vector<std::string> out;
    for (const std::string& token : entry.execTokens()) {
        if (token.size() == 2 && token[0] == '%') {
            expandStandaloneCode(token[1], entry, files, location, out, fileName);
        } else {
            out.push_back(expandEmbeddedCodes(token, entry, files, location, fileName));
        }
    }
    if (out.empty() || out.front().empty()) {
        failAt(fileName, 0, "Exec names no program once its field codes are expanded");
    }
    return out;
}

std::string_view fileArgumentsCode(const DesktopEntry& entry) {
    bool files = false;
    for (const std::string& token : entry.execTokens()) {
        for (std::size_t i = 0; i + 1 < token.size(); ++i) {
            if (token[i] != '%') {
                continue;
            }
            const char code = token[++i]; // skipped: "%%f" is a literal "%f"
            if (code == 'u' || code == 'U') {
                return "%U";
            }
            files = files || code == 'f' || code == 'F';
        }
    }
    return files ? "%F" : "";
}

std::string quoteExecArgument(std::string_view argument) {
    std::string escaped;
    for (const char c : argument) {
        if (kQuotedExecEscapes.find(c) != std::string_view::npos) {
            escaped += '\\';
        }
        escaped += c == '%' ? std::string("%%") : std::string(1, c);
    }
    const bool quote = argument.empty() ||
                       argument.find_first_of(kReservedExecCharacters) != std::string_view::npos;
    return quote ? "\"" + escaped + "\"" : escaped;
}

std::string formatExecLine(const std::vector<std::string>& command) {
    std::string out;
    for (const std::string& argument : command) {
        out += (out.empty() ? "" : " ") + quoteExecArgument(argument);
    }
    return out;
}

std::string formatDesktopEntry(const NewApplication& application, const std::string& fileName) {
    if (application.name.empty() || application.name.find('\n') != std::string::npos) {
        failInput(fileName, "an application needs a name of one line");
    }
    if (application.command.empty() || application.command.front().empty()) {
        failInput(fileName, "an application needs a command (the program and its arguments)");
    }
    std::string text =
        "[Desktop Entry]\nType=Application\nVersion=" + std::string(kWrittenDesktopEntryVersion) +
        "\n";
    text += "Name=" + encodeDesktopString(application.name) + "\n";
    // The files a desktop gives go where the command has %f, %F, %u or %U as an argument of its
    // own; every other % is literal.
    std::string exec;
    for (const std::string& argument : application.command) {
        const bool fileCode =
            argument == "%f" || argument == "%F" || argument == "%u" || argument == "%U";
        exec += (exec.empty() ? "" : " ") + (fileCode ? argument : quoteExecArgument(argument));
    }
    text += "Exec=" + encodeDesktopString(exec) + "\n";
    if (!application.icon.empty()) {
        text += "Icon=" + encodeDesktopString(application.icon) + "\n";
    }
    text += std::string("Terminal=") + (application.terminal ? "true" : "false") + "\n";
    if (!application.categories.empty()) {
        text += "Categories=";
        for (const std::string& category : application.categories) {
            text += encodeDesktopString(category) + ";";
        }
        text += "\n";
    }
    DesktopEntry::parse(text, fileName); // what is written must read back
    return text;
}

} // namespace redpak
