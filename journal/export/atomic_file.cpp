#include "journal/export/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "crypto/bytes.hpp"

namespace afterglow::journal::exports {
namespace {

Error from_errno(int err, const std::string& what, const std::filesystem::path& where) {
    const std::string subject = where.string();
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return make_error(Errc::disk_full,
                              "The disk is full: the export could not be written to " + subject +
                                  ". Nothing was saved; free some space and try again.",
                              subject);
        case EACCES:
        case EPERM:
        case EROFS:
            return make_error(Errc::read_only,
                              "Cannot write in " + subject + ": the folder is read-only or not yours.",
                              subject);
        case ENOENT:
        case ENOTDIR:
            return make_error(Errc::not_found, "The folder " + subject + " does not exist.", subject);
        default:
            return make_error(Errc::io, what + " failed for " + subject + ": " + std::to_string(err),
                              subject);
    }
}

// Removes the temp file unless released (every early return cleans up).
class TempFile {
public:
    TempFile(std::filesystem::path p, int fd) : path_(std::move(p)), fd_(fd) {}
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!released_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    int fd() const { return fd_; }
    int close_fd() {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }
    void release() { released_ = true; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    int fd_;
    bool released_ = false;
};

}  // namespace

Status write_file_atomic(const std::filesystem::path& destination,
                         std::span<const std::uint8_t> bytes,
                         const std::function<void(double)>& progress) {
    if (destination.empty() || !destination.has_filename())
        return make_error(Errc::invalid_argument, "No file name was given for the export.");
    std::filesystem::path dir = destination.parent_path();
    if (dir.empty()) dir = ".";
    struct stat st{};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return make_error(Errc::not_found, "The folder " + dir.string() + " does not exist.",
                          dir.string());
    if (::stat(destination.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        return make_error(Errc::invalid_argument,
                          destination.string() + " is a folder; choose a file name.",
                          destination.string());

    std::filesystem::path tmp_path;
    int fd = -1;
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        tmp_path = dir / (std::string(kTempPrefix) + crypto::to_hex(crypto::random_bytes(8)));
        fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0 && errno != EEXIST) return from_errno(errno, "Creating a file", dir);
    }
    if (fd < 0) return make_error(Errc::io, "Could not create a temporary file.", dir.string());
    TempFile tmp(tmp_path, fd);
    ::fchmod(fd, 0600);

    constexpr std::size_t kChunk = 1 << 20;
    std::size_t done = 0;
    while (done < bytes.size()) {
        std::size_t n = std::min(kChunk, bytes.size() - done);
        ssize_t w = ::write(fd, bytes.data() + done, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return from_errno(errno, "Writing", destination);
        }
        done += static_cast<std::size_t>(w);
        if (progress) progress(bytes.empty() ? 1.0 : static_cast<double>(done) / bytes.size());
    }
    if (::fsync(fd) != 0) return from_errno(errno, "Flushing", destination);
    if (tmp.close_fd() != 0) return from_errno(errno, "Closing", destination);
    if (::rename(tmp.path().c_str(), destination.c_str()) != 0)
        return from_errno(errno, "Renaming", destination);
    tmp.release();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);  // best effort: the rename reaches the disk
        ::close(dfd);
    }
    if (progress) progress(1.0);
    return {};
}

}  // namespace afterglow::journal::exports
