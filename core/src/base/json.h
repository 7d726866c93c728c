// SPDX-License-Identifier: Apache-2.0
// A small JSON document model for the audit code (jsonQuote also serves every JSON and
// double-quoted YAML text core prints): records written by one version must be read
// back exactly (audited file contents included), and the CLIs print diffs, findings and drift
// as JSON. The parser is strict (RFC 8259, no trailing commas, no comments) and bounded
// (nesting depth), because audit records are read by the launcher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace redpak::detail {

struct JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<std::pair<std::string, JsonValue>>; // keys in insertion order

struct JsonValue {
    std::variant<std::nullptr_t, bool, double, std::string, JsonArray, JsonObject> value;

    JsonValue() : value(nullptr) {}
    JsonValue(std::nullptr_t) : value(nullptr) {}
    JsonValue(bool b) : value(b) {}
    JsonValue(double d) : value(d) {}
    JsonValue(int i) : value(static_cast<double>(i)) {}
    JsonValue(std::int64_t i) : value(static_cast<double>(i)) {}
    JsonValue(std::size_t i) : value(static_cast<double>(i)) {}
    JsonValue(std::string s) : value(std::move(s)) {}
    JsonValue(std::string_view s) : value(std::string(s)) {}
    JsonValue(const char* s) : value(std::string(s)) {}
    JsonValue(JsonArray a) : value(std::move(a)) {}
    JsonValue(JsonObject o) : value(std::move(o)) {}

    bool isNull() const { return std::holds_alternative<std::nullptr_t>(value); }
    const std::string* string() const { return std::get_if<std::string>(&value); }
    const double* number() const { return std::get_if<double>(&value); }
    const bool* boolean() const { return std::get_if<bool>(&value); }
    const JsonArray* array() const { return std::get_if<JsonArray>(&value); }
    const JsonObject* object() const { return std::get_if<JsonObject>(&value); }

    // Member `key` of an object, nullptr when absent or not an object.
    const JsonValue* find(std::string_view key) const;
};

// Indented with two spaces, members in insertion order, ends with a newline.
std::string writeJson(const JsonValue& value);
std::string jsonQuote(std::string_view text);

// Throws InputError naming `fileName` and the position of the problem.
JsonValue parseJson(std::string_view text, const std::string& fileName);

} // namespace redpak::detail
