// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4) without any dependency, for the digests that identify config files:
// reviewed writes in the helper, audit records, drift detection. Digests are exchanged as
// 64 lower-case hexadecimal characters.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace redpak {

// Incremental SHA-256: feed bytes with update(), read the result once with finish().
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    // Returns the 32-byte digest. The object must not be used afterwards.
    std::array<std::uint8_t, 32> finish();

private:
    void compressBlock(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

// Lower-case hexadecimal SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

// True when `text` has the shape of a sha256Hex() result (64 lower-case hex characters).
bool isSha256Hex(std::string_view text);

} // namespace redpak
