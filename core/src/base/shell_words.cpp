// SPDX-License-Identifier: Apache-2.0
// POSIX.1-2017 Shell Command Language, 2.2 Quoting and 2.3 Token Recognition (words only).
#include "redpak/base/shell_words.h"

#include "redpak/base/diagnostic.h"

namespace redpak {

namespace {

constexpr std::string_view kPlainCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_@%+=:,./-";
// Inside double quotes a backslash only escapes these.
constexpr std::string_view kDoubleQuoteEscapes = "\"\\$`\n";

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

// Reads the quoted part opening at `line[i]`; `i` ends on its closing quote.
void readQuoted(std::string_view line, std::size_t& i, std::string& word, const std::string& what) {
    const char quote = line[i];
    for (++i; i < line.size() && line[i] != quote; ++i) {
        if (quote == '"' && line[i] == '\\' && i + 1 < line.size() &&
            kDoubleQuoteEscapes.find(line[i + 1]) != std::string_view::npos) {
            ++i;
            if (line[i] == '\n') {
                continue; // a line continuation
            }
        }
        word += line[i];
    }
    if (i >= line.size()) {
        failInput(what, std::string("a ") + (quote == '"' ? "double" : "single") +
                            " quote is not closed");
    }
}

} // namespace

std::vector<std::string> splitShellWords(std::string_view line, const std::string& what) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (isBlank(c)) {
            if (inWord) {
                words.push_back(std::move(word));
                word.clear();
            }
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == '\'' || c == '"') {
            readQuoted(line, i, word, what);
        } else if (c == '\\') {
            if (++i >= line.size()) {
                failInput(what, "ends with a backslash that escapes nothing");
            }
            if (line[i] != '\n') {
                word += line[i];
            }
        } else {
            word += c;
        }
    }
    if (inWord) {
        words.push_back(std::move(word));
    }
    return words;
}

std::string joinShellWords(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) {
        out += out.empty() ? "" : " ";
        if (!word.empty() && word.find_first_not_of(kPlainCharacters) == std::string::npos) {
            out += word;
            continue;
        }
        out += '\'';
        for (const char c : word) {
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        out += '\'';
    }
    return out;
}

} // namespace redpak
