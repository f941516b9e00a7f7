// Scans files for a marker in the encodings a leak could take: raw UTF-8, UTF-16LE, base64
// (all three alignments) and hex (both cases).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace afterglow::test {

std::vector<std::string> canary_forms(const std::string& marker);
// Returns "file: form" for every hit in every regular file below `root` (or `root` itself).
std::vector<std::string> canary_hits(const std::filesystem::path& root, const std::string& marker);

}  // namespace afterglow::test
