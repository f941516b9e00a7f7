#include "journal/sync/folder_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "crypto/bytes.hpp"

namespace afterglow::sync {
namespace fs = std::filesystem;
namespace {

Error os_error(int err, const std::string& doing, const std::string& subject) {
    Errc code = Errc::io;
    if (err == ENOSPC || err == EDQUOT) code = Errc::disk_full;
    else if (err == EROFS || err == EACCES || err == EPERM) code = Errc::read_only;
    else if (err == ENOENT) code = Errc::not_found;
    return make_error(code, "could not " + doing + ": " + std::strerror(err), subject);
}

bool is_temp(const std::string& name) { return name.find(".tmp-") != std::string::npos; }

Status fsync_path(const fs::path& p, int flags) {
    int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return os_error(errno, "open " + p.filename().string(), p.filename().string());
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) return os_error(err, "flush " + p.filename().string(), p.filename().string());
    return {};
}

}  // namespace

FolderStore::FolderStore(fs::path root) : root_(std::move(root)) {}

std::string FolderStore::describe() const { return "the folder " + root_.string(); }

Result<fs::path> FolderStore::resolve(const std::string& name) const {
    if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos || name.find('\\') != std::string::npos)
        return make_error(Errc::invalid_argument, "not a store name: " + name, name);
    return root_ / name;
}

Result<std::vector<StoreEntry>> FolderStore::list() {
    std::vector<StoreEntry> out;
    std::error_code ec;
    if (!fs::exists(root_, ec)) {
        if (ec) return os_error(ec.value(), "read the folder", root_.string());
        return out;  // a missing root is an empty store
    }
    const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(24);
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) return os_error(ec.value(), "read the folder", root_.string());
    for (; it != end; it.increment(ec)) {
        if (ec) return os_error(ec.value(), "read the folder", root_.string());
        if (!it->is_regular_file(ec)) continue;
        std::string name = fs::relative(it->path(), root_, ec).generic_string();
        if (ec) continue;
        if (is_temp(name)) {  // an upload in progress, or one a crash left: never listed
            std::error_code tec;
            if (it->last_write_time(tec) < stale && !tec) fs::remove(it->path(), tec);
            continue;
        }
        out.push_back({std::move(name), static_cast<std::uint64_t>(it->file_size(ec))});
    }
    return out;
}

namespace {
constexpr std::size_t kLargeFile = 8u << 20;

// Reads [0, size) of fd into `to`, the second half on another thread; how many bytes were read
// from the start without a gap (the caller reads on from there, to the end).
std::size_t read_halves(int fd, std::uint8_t* to, std::size_t size) {
    auto read_at = [fd, to](std::size_t from, std::size_t end) {
        while (from < end) {
            const ssize_t n = ::pread(fd, to + from, end - from, static_cast<off_t>(from));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            from += static_cast<std::size_t>(n);
        }
        return from;
    };
    const std::size_t mid = size / 2;
    std::size_t second = mid;
#if defined(__EMSCRIPTEN__)
    const std::size_t first = read_at(0, mid);  // the browser's threads are few
    if (first == mid) second = read_at(mid, size);
#else
    std::thread other([&] { second = read_at(mid, size); });
    const std::size_t first = read_at(0, mid);
    other.join();
#endif
    return first < mid ? first : second;  // cut short: read on from there, in order
}
}  // namespace

Result<Bytes> FolderStore::get(const std::string& name) {
    auto p = resolve(name);
    if (!p) return p.error();
    int fd = ::open(p->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return os_error(errno, "read " + name, name);
    // Read straight into a buffer of the file's size (a snapshot is about the journal's
    // size: growing a vector 64 KiB at a time copied it several times over); a file that
    // grows meanwhile is read to its end all the same.
    struct stat sb {};
    const std::size_t size = ::fstat(fd, &sb) == 0 && sb.st_size > 0 ? static_cast<std::size_t>(sb.st_size) : 0;
    Bytes out;
    out.reserve(size + 1);
    // A whole journal's file (25 MB for 10,000 entries) is read on two threads.
    out.resize(size ? size + 1 : 65536);
    std::size_t have = 0;
    if (size >= kLargeFile) have = read_halves(fd, out.data(), size);
    for (;;) {
        if (have == out.size()) out.resize(out.size() * 2);
        const ssize_t n = ::pread(fd, out.data() + have, out.size() - have, static_cast<off_t>(have));
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return os_error(err, "read " + name, name);
        }
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(have);
    return out;
}

Status FolderStore::put(const std::string& name, const Bytes& data) {
    auto p = resolve(name);
    if (!p) return p.error();
    std::error_code ec;
    fs::create_directories(p->parent_path(), ec);
    if (ec) return os_error(ec.value(), "create the folder for " + name, name);
    const fs::path tmp = p->string() + ".tmp-" + crypto::to_hex(crypto::random_bytes(6));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return os_error(errno, "write " + name, name);
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            fs::remove(tmp, ec);
            return os_error(err, "write " + name, name);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        fs::remove(tmp, ec);
        return os_error(err, "write " + name, name);
    }
    if (::rename(tmp.c_str(), p->c_str()) != 0) {
        const int err = errno;
        fs::remove(tmp, ec);
        return os_error(err, "write " + name, name);
    }
    return fsync_path(p->parent_path(), O_RDONLY | O_DIRECTORY);
}

Status FolderStore::remove(const std::string& name) {
    auto p = resolve(name);
    if (!p) return p.error();
    if (::unlink(p->c_str()) != 0) return os_error(errno, "remove " + name, name);
    return {};
}

}  // namespace afterglow::sync
