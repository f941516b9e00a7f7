// A small tmpfs of our own for read-only media and full-disk tests (tests/journal).
#pragma once

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace afterglow::test {

// A small tmpfs of our own (we run as root in CI). Without the privilege to mount, the test
// is skipped (test::have): in CI that is a failure, never a silent pass.
class Tmpfs {
public:
    explicit Tmpfs(const std::filesystem::path& at, const char* size) : at_(at) {
        std::filesystem::create_directories(at_);
        const std::string opts = std::string("size=") + size + ",mode=0755";
        mounted_ = ::mount("tmpfs", at_.c_str(), "tmpfs", 0, opts.c_str()) == 0;
    }
    ~Tmpfs() {
        if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    bool remount_read_only() {
        return ::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
    const std::filesystem::path& path() const { return at_; }

private:
    std::filesystem::path at_;
    bool mounted_ = false;
};

inline bool mount_or_skip(const Tmpfs& fs) { return have(fs.mounted(), "a tmpfs (mounting one needs root)"); }

inline void fill_disk(const std::filesystem::path& file) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    std::vector<char> block(64 << 10, 'x');
    while (::write(fd, block.data(), block.size()) > 0) {}
    for (char c = 'x'; ::write(fd, &c, 1) == 1;) {}  // the last bytes too
    ::close(fd);
}

}  // namespace afterglow::test
