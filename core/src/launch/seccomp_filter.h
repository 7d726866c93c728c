// SPDX-License-Identifier: Apache-2.0
// The seccomp program of every launch: ioctl TIOCSTI and TIOCLINUX refused with EPERM (no
// typing into the launching terminal). Generated at build time with libseccomp
// (core/seccomp/generate_tty_filter.cpp) and embedded, so that the launcher needs no
// libseccomp at run time.
#pragma once

#include <string_view>

namespace redpak {

// The BPF program (an array of struct sock_filter) in the form bwrap --seccomp reads.
std::string_view ttyInjectionFilter();

} // namespace redpak
